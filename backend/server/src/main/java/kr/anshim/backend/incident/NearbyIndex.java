package kr.anshim.backend.incident;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A grid over latitude and longitude with cells about as large as the search radius, so a
 * "what is within 50 m" question looks at nine small cells instead of every entry.
 */
final class NearbyIndex<T> {

    private static final double METRES_PER_DEGREE_LAT = 111_320;
    /** Seoul's latitude; longitude degrees are shorter there. */
    private static final double METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(37.55));

    private final double cellMetres;
    private final Map<Long, List<T>> cells = new HashMap<>();
    private int size;

    NearbyIndex(double cellMetres) {
        this.cellMetres = cellMetres;
    }

    void add(double lat, double lon, T item) {
        cells.computeIfAbsent(key(row(lat), column(lon)), k -> new ArrayList<>()).add(item);
        size++;
    }

    /** Candidates in the cell of the point and its eight neighbours; callers check the exact distance. */
    List<T> around(double lat, double lon) {
        List<T> found = new ArrayList<>();
        long row = row(lat);
        long column = column(lon);
        for (long r = row - 1; r <= row + 1; r++) {
            for (long c = column - 1; c <= column + 1; c++) {
                List<T> cell = cells.get(key(r, c));
                if (cell != null) {
                    found.addAll(cell);
                }
            }
        }
        return found;
    }

    void removeIf(Predicate<T> expired) {
        cells.values().forEach(cell -> {
            int before = cell.size();
            cell.removeIf(expired);
            size -= before - cell.size();
        });
        cells.values().removeIf(List::isEmpty);
    }

    int size() {
        return size;
    }

    private long row(double lat) {
        return (long) Math.floor(lat * METRES_PER_DEGREE_LAT / cellMetres);
    }

    private long column(double lon) {
        return (long) Math.floor(lon * METRES_PER_DEGREE_LON / cellMetres);
    }

    private static long key(long row, long column) {
        return (row << 32) ^ (column & 0xffffffffL);
    }
}
