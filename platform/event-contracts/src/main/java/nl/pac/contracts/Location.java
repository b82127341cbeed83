package nl.pac.contracts;

/**
 * Where a device was when it raised an alarm. Personal data: it never leaves the incident's
 * retention period.
 *
 * @param latitude WGS84 degrees, -90..90
 * @param longitude WGS84 degrees, -180..180
 * @param accuracyMeters radius of the 68% confidence circle, when the device reports it
 */
public record Location(double latitude, double longitude, Double accuracyMeters) {
}
