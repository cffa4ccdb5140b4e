package org.charte.hosting.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a hosted database as the client sees it: connected with the database's own login, every
 * table of its schema as a CSV file (RFC 4180, a header line) and a {@code manifest.json}, in a zip.
 */
final class Exporter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Exporter() {}

    record Result(byte[] zip, int tables) {}

    static Result export(String url, String username, String password, String schema, UUID hostedDatabaseId, UUID subscriptionId,
            Instant exportedAt) {
        Properties login = new Properties();
        login.setProperty("user", username);
        login.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(url, login)) {
            connection.setReadOnly(true);
            List<String> tables = new ArrayList<>();
            try (PreparedStatement list = connection.prepareStatement(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                list.setString(1, schema);
                try (ResultSet rs = list.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<Map<String, Object>> described = new ArrayList<>();
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                int n = 0;
                for (String table : tables) {
                    n++;
                    String file = String.format(Locale.ROOT, "tables/%03d-%s.csv", n, table.replaceAll("[^A-Za-z0-9_-]", "_"));
                    zip.putNextEntry(new ZipEntry(file));
                    Map<String, Object> description = new LinkedHashMap<>();
                    description.put("table", table);
                    description.put("file", file);
                    try (Statement select = connection.createStatement();
                            ResultSet rs = select.executeQuery("SELECT * FROM " + Dialect.quote(schema) + "." + Dialect.quoteAny(table))) {
                        ResultSetMetaData meta = rs.getMetaData();
                        List<String> columns = new ArrayList<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            columns.add(meta.getColumnName(c));
                        }
                        zip.write(csvLine(columns));
                        long rows = 0;
                        while (rs.next()) {
                            List<String> values = new ArrayList<>();
                            for (int c = 1; c <= columns.size(); c++) {
                                values.add(rs.getString(c));
                            }
                            zip.write(csvLine(values));
                            rows++;
                        }
                        description.put("columns", columns);
                        description.put("rows", rows);
                    }
                    zip.closeEntry();
                    described.add(description);
                }
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", "charte-hosted-database-export/1");
                manifest.put("hostedDatabaseId", hostedDatabaseId.toString());
                manifest.put("subscriptionId", subscriptionId.toString());
                manifest.put("schema", schema);
                manifest.put("exportedAt", exportedAt.toString());
                manifest.put("encoding", "UTF-8, CSV as RFC 4180 with a header line; an empty field without quotes is NULL");
                manifest.put("tables", described);
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            return new Result(bytes.toByteArray(), tables.size());
        } catch (SQLException e) {
            // The message could name the login; say only what failed.
            throw new IllegalStateException("the hosted database could not be read for export (SQL state " + e.getSQLState() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV line: a field with a comma, quote or line break is quoted; NULL is an empty unquoted field, "" an empty quoted one. */
    static byte[] csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            if (value.isEmpty() || value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
