package kr.anshim.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 25 wards, read from the bundled copy of {@code shared/data/seoul-districts.csv}
 * (census 2021 households, KNPA police stations; see the attribution in the README).
 */
public final class Wards {

    private static final Wards SEOUL = load();

    private final List<Ward> all;
    private final Map<String, Ward> byCode;

    private Wards(List<Ward> all) {
        this.all = List.copyOf(all);
        this.byCode = all.stream().collect(Collectors.toUnmodifiableMap(Ward::code, Function.identity()));
    }

    public static Wards seoul() {
        return SEOUL;
    }

    public List<Ward> all() {
        return all;
    }

    public Optional<Ward> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    private static Wards load() {
        try (InputStream in = Wards.class.getResourceAsStream("seoul-districts.csv")) {
            if (in == null) {
                throw new IllegalStateException("seoul-districts.csv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Ward> wards = reader.lines().skip(1).filter(line -> !line.isBlank()).map(Wards::parse).toList();
            if (wards.size() != 25) {
                throw new IllegalStateException("expected 25 wards, found " + wards.size());
            }
            return new Wards(wards);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Ward parse(String line) {
        String[] f = line.split(",", -1);
        return new Ward(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Integer.parseInt(f[6]), new ArrayList<>(Arrays.asList(f[7].split(";"))));
    }
}
