/**
 * Where the data lives: a real embedded PostgreSQL by default, an external one by configuration.
 * Flyway migrates over JDBC at start-up; everything else uses R2DBC.
 */
package kr.anshim.backend.storage;
