package nl.pac.ingest.vendor;

import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an operator's grant lets it do to a vendor. A vendor's key acts for every tenant that
 * contracted it, so only a grant covering all of them may see the vendor, issue or revoke its keys.
 * A grant covering some of them may only add or remove those in the contract; one covering none
 * does not learn that the vendor exists. PAC has no centre-administrator role above the grant.
 */
final class VendorGrant {

    private VendorGrant() {
    }

    /** Refuses unless the grant covers every tenant of the vendor: 404 if it covers none, else 403. */
    static void requireWhole(String vendorId, Set<String> vendorTenants, Set<String> granted) {
        requireVisible(vendorId, vendorTenants, granted);
        if (!granted.containsAll(vendorTenants)) {
            throw new ProblemException(Problem.of("vendor-not-wholly-granted", "Not allowed for this vendor", 403,
                    "vendor " + vendorId + " is also contracted by tenants you are not granted; its keys act for them too",
                    List.of(new FieldError("vendorId", "is contracted by tenants you are not granted"))));
        }
    }

    /** Refuses with 404, as if unknown, a vendor none of whose tenants the grant covers. */
    static void requireVisible(String vendorId, Set<String> vendorTenants, Set<String> granted) {
        if (!vendorTenants.isEmpty() && Collections.disjoint(vendorTenants, granted)) {
            throw ProblemException.notFound("vendor " + vendorId);
        }
    }

    /** The contract after a change by this grant: the tenants it does not cover stay, its own become {@code requested}. */
    static Set<String> changedTenants(Set<String> vendorTenants, List<String> requested, Set<String> granted) {
        Set<String> result = new LinkedHashSet<>(vendorTenants);
        result.removeAll(granted);
        result.addAll(requested);
        return result;
    }

    /** The vendor as this grant may see it after a change: a partial grant sees only its own tenants, and no keys. */
    static VendorView visibleTo(VendorView vendor, Set<String> granted) {
        if (granted.containsAll(vendor.tenants())) {
            return vendor;
        }
        Set<String> own = new LinkedHashSet<>(vendor.tenants());
        own.retainAll(granted);
        return new VendorView(vendor.vendorId(), vendor.name(), vendor.requestsPerSecond(), own, vendor.createdAt(), List.of());
    }
}
