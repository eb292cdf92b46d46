package io.helio.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL server started in-process (zonky), with its data in a folder of our choosing. */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL with its data under {@code folder}; existing data is kept. */
    public static PostgresServer start(Path folder) {
        try {
            return new PostgresServer(EmbeddedPostgres.builder()
                    .setDataDirectory(folder.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setPort(FreePort.next())
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + folder, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /**
     * Creates a login role without special powers unless it exists: what a service connects as, so
     * that row-level security applies to it (superusers and table owners bypass it).
     */
    public void createRole(String name, String password) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}") || !password.matches("[A-Za-z0-9_\\-]{8,64}")) {
            throw new IllegalArgumentException("not a plain role name or password");
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
