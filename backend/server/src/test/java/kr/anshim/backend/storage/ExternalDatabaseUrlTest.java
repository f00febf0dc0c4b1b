package kr.anshim.backend.storage;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** An external PostgreSQL's URL query parameters (TLS) reach both drivers, each under the name it reads. */
class ExternalDatabaseUrlTest {

    private static MockEnvironment resolve(String url) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("anshim.db.url", url)
                .withProperty("anshim.db.user", "anshim")
                .withProperty("anshim.db.password", "secret");
        new EmbeddedPostgresEnvironment(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void tls_parameters_reach_the_jdbc_and_the_r2dbc_url() {
        MockEnvironment environment = resolve(
                "postgresql://db.example:5432/anshim?sslmode=verify-full&sslrootcert=/etc/anshim/db-ca.pem");

        Properties jdbc = Driver.parseURL(environment.getProperty("spring.flyway.url"), new Properties());
        assertThat(jdbc).isNotNull();
        assertThat(jdbc.getProperty("PGHOST")).isEqualTo("db.example");
        assertThat(jdbc.getProperty("PGDBNAME")).isEqualTo("anshim");
        assertThat(jdbc.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(jdbc.getProperty("sslrootcert")).isEqualTo("/etc/anshim/db-ca.pem");

        ConnectionFactoryOptions r2dbc = ConnectionFactoryOptions.parse(environment.getProperty("spring.r2dbc.url"));
        assertThat(r2dbc.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("db.example");
        assertThat(r2dbc.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("anshim");
        assertThat(String.valueOf(r2dbc.getValue(PostgresqlConnectionFactoryProvider.SSL_MODE))).isEqualTo("verify-full");
        assertThat(r2dbc.getValue(PostgresqlConnectionFactoryProvider.SSL_ROOT_CERT)).isEqualTo("/etc/anshim/db-ca.pem");
        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("secret");
    }

    @Test
    void the_r2dbc_spelling_works_too() {
        MockEnvironment environment = resolve("jdbc:postgresql://db.example/anshim?sslMode=verify-full&sslRootCert=/ca.pem");

        Properties jdbc = Driver.parseURL(environment.getProperty("spring.flyway.url"), new Properties());
        assertThat(jdbc.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(jdbc.getProperty("sslrootcert")).isEqualTo("/ca.pem");
        ConnectionFactoryOptions r2dbc = ConnectionFactoryOptions.parse(environment.getProperty("spring.r2dbc.url"));
        assertThat(r2dbc.getValue(PostgresqlConnectionFactoryProvider.SSL_ROOT_CERT)).isEqualTo("/ca.pem");
    }

    @Test
    void a_url_without_parameters_is_unchanged() {
        MockEnvironment environment = resolve("postgresql://db.example:5432/anshim");
        assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db.example:5432/anshim");
        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://db.example:5432/anshim");
    }
}
