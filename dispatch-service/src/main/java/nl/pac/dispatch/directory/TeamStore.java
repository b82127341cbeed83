package nl.pac.dispatch.directory;

import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The directory tables. A team is always written whole, in the caller's transaction. */
final class TeamStore {

    /** A team as stored, with the version each change increments. */
    record Stored(String tenantId, Team team, int version, Instant updatedAt, String updatedBy) {
    }

    private TeamStore() {
    }

    /** Replaces the team (or creates it); answers the new version. Refuses a device another team holds (409). */
    static int replace(Connection c, String tenantId, Team team, String by, Instant now) throws SQLException {
        int version;
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO team (tenant_id, team_id, name, version, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)
                ON CONFLICT (tenant_id, team_id) DO UPDATE
                SET name = excluded.name, version = team.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                RETURNING version""")) {
            upsert.setString(1, tenantId);
            upsert.setString(2, team.teamId());
            upsert.setString(3, team.name());
            upsert.setTimestamp(4, Timestamp.from(now));
            upsert.setString(5, by);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                version = rs.getInt(1);
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM team_member WHERE tenant_id = ? AND team_id = ?")) {
            delete.setString(1, tenantId);
            delete.setString(2, team.teamId());
            delete.executeUpdate();
        }
        insertMembers(c, tenantId, team);
        return version;
    }

    private static void insertMembers(Connection c, String tenantId, Team team) throws SQLException {
        try (PreparedStatement member = c.prepareStatement("""
                INSERT INTO team_member (tenant_id, team_id, person_id, display_name, role, position, manager_rank, backup_rank)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement contact = c.prepareStatement("""
                INSERT INTO contact_point (tenant_id, team_id, person_id, preference, kind, value) VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < team.members().size(); i++) {
                Team.Member m = team.members().get(i);
                member.setString(1, tenantId);
                member.setString(2, team.teamId());
                member.setString(3, m.personId());
                member.setString(4, m.displayName());
                member.setString(5, m.role().name());
                member.setInt(6, i);
                member.setObject(7, rank(team.managers(), m.personId()));
                member.setObject(8, rank(team.backups(), m.personId()));
                member.addBatch();
                for (int p = 0; p < m.contacts().size(); p++) {
                    contact.setString(1, tenantId);
                    contact.setString(2, team.teamId());
                    contact.setString(3, m.personId());
                    contact.setInt(4, p + 1);
                    contact.setString(5, m.contacts().get(p).kind().name());
                    contact.setString(6, m.contacts().get(p).value());
                    contact.addBatch();
                }
            }
            member.executeBatch();
            contact.executeBatch();
        }
        insertRosters(c, tenantId, team);
        for (int i = 0; i < team.members().size(); i++) {
            Team.Member m = team.members().get(i);
            for (int d = 0; d < m.devices().size(); d++) {
                bindDevice(c, tenantId, team.teamId(), m.personId(), m.devices().get(d), "members[" + i + "].devices[" + d + "]");
            }
        }
    }

    private static void insertRosters(Connection c, String tenantId, Team team) throws SQLException {
        try (PreparedStatement period = c.prepareStatement("""
                INSERT INTO duty_period (tenant_id, team_id, person_id, seq, days, starts, ends) VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (Team.Member m : team.members()) {
                for (int i = 0; i < m.onDuty().size(); i++) {
                    DutyPeriod p = m.onDuty().get(i);
                    period.setString(1, tenantId);
                    period.setString(2, team.teamId());
                    period.setString(3, m.personId());
                    period.setInt(4, i);
                    period.setString(5, p.days().stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
                    period.setObject(6, p.from());
                    period.setObject(7, p.to());
                    period.addBatch();
                }
            }
            period.executeBatch();
        }
    }

    private static void bindDevice(Connection c, String tenantId, String teamId, String personId, String deviceId, String field)
            throws SQLException {
        try (PreparedStatement bind = c.prepareStatement("""
                INSERT INTO device_binding (tenant_id, device_id, team_id, person_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, device_id) DO NOTHING""")) {
            bind.setString(1, tenantId);
            bind.setString(2, deviceId);
            bind.setString(3, teamId);
            bind.setString(4, personId);
            if (bind.executeUpdate() == 0) {
                throw new ProblemException(Problem.of("device-bound-elsewhere", "Device belongs to another team", 409,
                        "device " + deviceId + " is bound to a worker of another team; unbind it there first",
                        List.of(new FieldError(field, "bound to another team"))));
            }
        }
    }

    private static Integer rank(List<String> ordered, String personId) {
        int index = ordered.indexOf(personId);
        return index < 0 ? null : index + 1;
    }

    static Optional<Stored> find(Connection c, String tenantId, String teamId) throws SQLException {
        String name;
        int version;
        Instant updatedAt;
        String updatedBy;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT name, version, updated_at, updated_by FROM team WHERE tenant_id = ? AND team_id = ?")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                name = rs.getString(1);
                version = rs.getInt(2);
                updatedAt = rs.getTimestamp(3).toInstant();
                updatedBy = rs.getString(4);
            }
        }
        Map<String, MemberRow> rows = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT person_id, display_name, role, manager_rank, backup_rank FROM team_member
                WHERE tenant_id = ? AND team_id = ? ORDER BY position""")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new MemberRow(rs.getString(2), Team.Role.valueOf(rs.getString(3)),
                            (Integer) rs.getObject(4), (Integer) rs.getObject(5), new ArrayList<>(), new ArrayList<>(),
                            new ArrayList<>()));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT person_id, kind, value FROM contact_point WHERE tenant_id = ? AND team_id = ? ORDER BY person_id, preference""")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.get(rs.getString(1)).contacts().add(new Team.ContactPoint(Team.ContactKind.valueOf(rs.getString(2)), rs.getString(3)));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT person_id, device_id FROM device_binding WHERE tenant_id = ? AND team_id = ? ORDER BY device_id""")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.get(rs.getString(1)).devices().add(rs.getString(2));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT person_id, days, starts, ends FROM duty_period WHERE tenant_id = ? AND team_id = ? ORDER BY person_id, seq""")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Set<DayOfWeek> days = Arrays.stream(rs.getString(2).split(",")).map(DayOfWeek::valueOf).collect(Collectors.toSet());
                    rows.get(rs.getString(1)).onDuty().add(new DutyPeriod(days, rs.getObject(3, LocalTime.class),
                            rs.getObject(4, LocalTime.class)));
                }
            }
        }
        List<Team.Member> members = new ArrayList<>();
        rows.forEach((id, r) -> members.add(new Team.Member(id, r.displayName(), r.role(), List.copyOf(r.contacts()),
                List.copyOf(r.devices()), List.copyOf(r.onDuty()))));
        Team team = new Team(teamId, name, members, ranked(rows, MemberRow::managerRank), ranked(rows, MemberRow::backupRank));
        return Optional.of(new Stored(tenantId, team, version, updatedAt, updatedBy));
    }

    /**
     * One page of the tenant's teams in team id order, after {@code afterTeamId} (null: from the first), with how many
     * members each has in each role.
     */
    static TeamSummary.Page list(Connection c, String tenantId, String afterTeamId, int limit) throws SQLException {
        List<TeamSummary> teams = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT t.team_id, t.name, t.version, t.updated_at, count(m.person_id),
                       count(m.person_id) FILTER (WHERE m.role = 'WORKER'),
                       count(m.person_id) FILTER (WHERE m.role = 'MANAGER'),
                       count(m.person_id) FILTER (WHERE m.role = 'BACKUP')
                FROM team t LEFT JOIN team_member m ON m.tenant_id = t.tenant_id AND m.team_id = t.team_id
                WHERE t.tenant_id = ? AND t.team_id > ?
                GROUP BY t.team_id, t.name, t.version, t.updated_at
                ORDER BY t.team_id LIMIT ?""")) {
            select.setString(1, tenantId);
            select.setString(2, afterTeamId == null ? "" : afterTeamId);
            select.setInt(3, limit + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    teams.add(new TeamSummary(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)));
                }
            }
        }
        if (teams.size() <= limit) {
            return new TeamSummary.Page(List.copyOf(teams), null);
        }
        return new TeamSummary.Page(List.copyOf(teams.subList(0, limit)), teams.get(limit - 1).teamId());
    }

    /** The ids of the members that have a rank, in rank order (managers asked first, first backup...). */
    private static List<String> ranked(Map<String, MemberRow> rows, Function<MemberRow, Integer> rank) {
        return rows.entrySet().stream()
                .filter(e -> rank.apply(e.getValue()) != null)
                .sorted(Comparator.comparingInt(e -> rank.apply(e.getValue())))
                .map(Map.Entry::getKey)
                .toList();
    }

    private record MemberRow(String displayName, Team.Role role, Integer managerRank, Integer backupRank,
                             List<Team.ContactPoint> contacts, List<String> devices, List<DutyPeriod> onDuty) {
    }
}
