package kr.anshim.backend.welfare;

import kr.anshim.api.welfare.EnrolmentView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code enrolments.csv} (UTF-8, header row, comma-separated, no quoted commas), beside the
 * registry's households.csv and devices.csv:
 * <pre>
 * enrolments.csv: household_id,device_id,dong,threshold_days,officer
 * </pre>
 * The household and its ACTIVITY_SUMMARY device come from the registry files; the ward is the
 * household's. Every problem is reported with its line; nothing is imported from a file with an error.
 */
final class EnrolmentCsv {

    private EnrolmentCsv() {
    }

    static List<EnrolmentView> read(Path file) throws IOException {
        List<String> errors = new ArrayList<>();
        List<EnrolmentView> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String where = file.getFileName() + " line " + (n + 1) + ": ";
            String[] f = line.split(",", -1);
            if (f.length != 5) {
                errors.add(where + "expected 5 fields, found " + f.length);
                continue;
            }
            int days;
            try {
                days = Integer.parseInt(f[3].strip());
            } catch (NumberFormatException e) {
                errors.add(where + "threshold_days must be a whole number of days, 1 to 5");
                continue;
            }
            if (days < Enrolment.MIN_DAYS || days > Enrolment.MAX_DAYS) {
                errors.add(where + "threshold_days must be 1 to 5, not " + days);
                continue;
            }
            if (f[0].isBlank() || f[1].isBlank() || f[2].isBlank() || f[4].isBlank()) {
                errors.add(where + "household_id, device_id, dong and officer are required");
                continue;
            }
            rows.add(new EnrolmentView(f[0].strip(), null, f[1].strip(), f[2].strip(), days, f[4].strip(), null));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("enrolments CSV not imported:\n  " + String.join("\n  ", errors));
        }
        return rows;
    }
}
