package nl.pac.security;

import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantScopeTest {

    private static Caller person(String role, String... tenants) {
        return new Caller("u1", "u1", Caller.Kind.PERSON, Set.of(role), Set.of(tenants), Optional.empty());
    }

    @Test
    void aUserOfOneTenantActsInItWithoutNamingIt() {
        assertThat(TenantScope.forRead(person(Roles.MANAGER, "a"), null)).isEqualTo("a");
        assertThat(TenantScope.forRead(person(Roles.MANAGER, "a"), "a")).isEqualTo("a");
    }

    @Test
    void namingATenantOutsideTheGrantReadsAsNotFound() {
        assertThatThrownBy(() -> TenantScope.forRead(person(Roles.MANAGER, "a"), "b"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(404));
    }

    @Test
    void anOperatorGrantedSeveralMustNameOne() {
        Caller operator = person(Roles.OPERATOR, "a", "b");
        assertThat(TenantScope.forRead(operator, "b")).isEqualTo("b");
        assertThatThrownBy(() -> TenantScope.forRead(operator, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("tenant");
                });
    }

    @Test
    void aCallerWithoutAnyTenantActsNowhere() {
        assertThatThrownBy(() -> TenantScope.forRead(person(Roles.AUDITOR), null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> TenantScope.forWrite(person(Roles.WORKER), "tenantId", "a"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    void aWriteForATenantNotGrantedIsForbiddenNamingTheField() {
        Caller vendor = new Caller("acme", "acme", Caller.Kind.VENDOR, Set.of(Roles.VENDOR), Set.of("a"), Optional.empty());
        assertThat(TenantScope.forWrite(vendor, "tenantId", "a")).isEqualTo("a");
        assertThatThrownBy(() -> TenantScope.forWrite(vendor, "tenantId", "b"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(403);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("tenantId");
                    assertThat(e.problem().detail()).contains("vendor key");
                });
    }

    @Test
    void vendorsAndPeopleNeverShareARateBucket() {
        Caller person = new Caller("acme", "acme", Caller.Kind.PERSON, Set.of(), Set.of(), Optional.empty());
        Caller vendor = new Caller("acme", "acme", Caller.Kind.VENDOR, Set.of(), Set.of(), Optional.empty());
        assertThat(person.key()).isNotEqualTo(vendor.key());
    }
}
