package kr.anshim.backend.device;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Wards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the registry's CSV files (UTF-8, header row, comma-separated, no quoted commas):
 * <pre>
 * households.csv: id,ward_code,latitude,longitude,protected_person,contact_name,contact_phone,address
 * devices.csv:    id,family,household_id,token_sha256
 * </pre>
 * Tokens are imported only as SHA-256 digests, so the files hold no secret. Every problem is
 * reported with its file and line; nothing is imported from a file with an error.
 */
public final class RegistryCsv {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    public record Contents(List<DemoCity.Household> households, List<DeviceRegistry.DeviceRow> devices) {
    }

    private RegistryCsv() {
    }

    public static Contents read(Path households, Path devices) throws IOException {
        List<String> errors = new ArrayList<>();
        List<DemoCity.Household> h = households(households, errors);
        Set<String> householdIds = new java.util.HashSet<>();
        h.forEach(row -> householdIds.add(row.id()));
        List<DeviceRegistry.DeviceRow> d = devices(devices, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("registry CSV not imported:\n  " + String.join("\n  ", errors));
        }
        return new Contents(h, d);
    }

    private static List<DemoCity.Household> households(Path file, List<String> errors) throws IOException {
        List<DemoCity.Household> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String where = file.getFileName() + " line " + (n + 1) + ": ";
            String[] f = line.split(",", -1);
            if (f.length != 8) {
                errors.add(where + "expected 8 fields, found " + f.length);
                continue;
            }
            if (!ID.matcher(f[0]).matches()) {
                errors.add(where + "invalid household id '" + f[0] + "'");
                continue;
            }
            if (Wards.seoul().byCode(f[1]).isEmpty()) {
                errors.add(where + "unknown ward code '" + f[1] + "' (use the 5-digit MOIS code, e.g. 11440)");
                continue;
            }
            try {
                double lat = Double.parseDouble(f[2]);
                double lon = Double.parseDouble(f[3]);
                if (lat < 37.4 || lat > 37.72 || lon < 126.76 || lon > 127.19) {
                    errors.add(where + "location " + lat + "," + lon + " is outside Seoul");
                    continue;
                }
                if (!f[4].equals("true") && !f[4].equals("false")) {
                    errors.add(where + "protected_person must be true or false");
                    continue;
                }
                rows.add(new DemoCity.Household(f[0], f[1], lat, lon, Boolean.parseBoolean(f[4]), f[5], f[6], f[7], ""));
            } catch (NumberFormatException e) {
                errors.add(where + "latitude and longitude must be numbers");
            }
        }
        return rows;
    }

    private static List<DeviceRegistry.DeviceRow> devices(Path file, List<String> errors) throws IOException {
        List<DeviceRegistry.DeviceRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String where = file.getFileName() + " line " + (n + 1) + ": ";
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                errors.add(where + "expected 4 fields, found " + f.length);
                continue;
            }
            if (!ID.matcher(f[0]).matches()) {
                errors.add(where + "invalid device id '" + f[0] + "'");
                continue;
            }
            DeviceFamily family;
            try {
                family = DeviceFamily.valueOf(f[1]);
            } catch (IllegalArgumentException e) {
                errors.add(where + "unknown family '" + f[1] + "'");
                continue;
            }
            if (!SHA256.matcher(f[3]).matches()) {
                errors.add(where + "token_sha256 must be 64 lowercase hex digits (never the token itself)");
                continue;
            }
            rows.add(new DeviceRegistry.DeviceRow(f[0], family, f[2], f[3]));
        }
        return rows;
    }
}
