package kr.anshim.api;

import java.util.List;

/**
 * One of Seoul's 25 autonomous districts (자치구).
 *
 * @param code                   MOIS code (e.g. {@code 11110} = 종로구), a string, never a number
 * @param nameKo                 Korean name
 * @param nameEn                 official romanisation
 * @param interiorLatitude       a point at least 1.09 km inside the ward
 * @param interiorLongitude      its longitude
 * @param areaKm2                area of the simplified polygon
 * @param singlePersonHouseholds 1인가구 count, census 2021
 * @param policeStations         the police stations (경찰서) serving the ward
 */
public record Ward(String code, String nameKo, String nameEn, double interiorLatitude, double interiorLongitude,
                   double areaKm2, int singlePersonHouseholds, List<String> policeStations) {

    public Ward {
        policeStations = List.copyOf(policeStations);
    }
}
