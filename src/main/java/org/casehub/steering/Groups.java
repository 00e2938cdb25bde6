package org.casehub.steering;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.casehub.core.Ulid;
import org.casehub.security.ScopeRestriction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the tables {@code case_group} and {@code case_group_member} (集体访). A case joins the group of the
 * cases it is related to (dedup's {@code related} links: same matter, different people); two groups one case joins
 * become one. Every change locks the member rows of the cases involved and then the group row, so concurrent index
 * transactions (three feeds at once) change a group one after the other, and the group is recognised — and escalated
 * — by exactly one of them.
 */
@Repository
public class Groups {

    /** A group as one case's join left it. */
    public record Joined(String groupId, int size, int members, String recognisedBy, boolean recognised,
                         boolean recognisedNow, List<String> memberIds) {
    }

    /** A group's row. */
    public record Group(String groupId, int members, int headcount, String recognisedBy, OffsetDateTime recognisedAt,
                        String escalationEvent, OffsetDateTime createdAt) {
    }

    /** A case of a group, when it joined and the group's size then. */
    public record Member(String caseId, String divisionCode, int headcount, OffsetDateTime joinedAt, int sizeAfter) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public Groups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * The case joins the group of its related cases (one group made of several when it links them), inside the index
     * transaction.
     *
     * @param headcount how many people the case's source counts (1 when it does not say)
     * @param thresholds the headcount and the number of cases from which the group is recognised
     * @param escalationEvent the event id to record when this join recognises the group
     * @return the group; empty for a case that is in none and makes none (no related case, a small headcount)
     */
    Optional<Joined> join(String caseId, String divisionCode, int headcount, Collection<String> related,
                          SteeringProperties thresholds, String escalationEvent, OffsetDateTime now) {
        Set<String> cases = new LinkedHashSet<>();
        cases.add(caseId);
        cases.addAll(related);
        Map<String, String> groupOf = new LinkedHashMap<>();
        named.query("SELECT case_id, group_id FROM case_group_member WHERE case_id IN (:ids) ORDER BY case_id FOR UPDATE",
                Map.of("ids", cases), rs -> {
                    groupOf.put(rs.getString(1), rs.getString(2));
                });
        TreeSet<String> groups = new TreeSet<>(groupOf.values());
        if (groups.isEmpty() && related.isEmpty() && headcount < thresholds.groupThreshold()) {
            return Optional.empty();
        }
        String groupId;
        if (groups.isEmpty()) {
            groupId = Ulid.next();
            jdbc.update("INSERT INTO case_group (group_id, member_count, headcount, created_at, updated_at) VALUES (?, 0, 0, ?, ?)",
                    groupId, now, now);
        } else {
            // the oldest group survives; the others' cases move into it
            groupId = groups.first();
        }
        List<Group> rows = named.query("SELECT " + GROUP_COLUMNS + " FROM case_group WHERE group_id IN (:ids) ORDER BY group_id FOR UPDATE",
                Map.of("ids", groups.isEmpty() ? Set.of(groupId) : groups), (rs, n) -> group(rs));
        Group survivor = rows.stream().filter(g -> g.groupId().equals(groupId)).findFirst().orElseThrow();
        OffsetDateTime recognisedAt = survivor.recognisedAt();
        String recognisedBy = survivor.recognisedBy();
        String escalation = survivor.escalationEvent();
        for (Group other : rows) {
            if (!other.groupId().equals(groupId)) {
                jdbc.update("UPDATE case_group_member SET group_id = ? WHERE group_id = ?", groupId, other.groupId());
                jdbc.update("DELETE FROM case_group WHERE group_id = ?", other.groupId());
                if (recognisedAt == null && other.recognisedAt() != null) {
                    recognisedAt = other.recognisedAt();
                    recognisedBy = other.recognisedBy();
                    escalation = other.escalationEvent();
                }
            }
        }
        int[] membersAndHeadcount = jdbc.queryForObject("SELECT COUNT(*), COALESCE(MAX(headcount), 0) FROM case_group_member"
                + " WHERE group_id = ?", (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}, groupId);
        int newcomers = (int) cases.stream().filter(id -> !groupOf.containsKey(id)).count();
        int count = membersAndHeadcount[0] + newcomers;
        int headcountNow = Math.max(headcount, membersAndHeadcount[1]);
        int size = Math.max(count, headcountNow);
        for (String id : cases) {
            if (!groupOf.containsKey(id)) {
                // a related case not yet in a group is placed where this case is until it is steered itself
                jdbc.update("INSERT INTO case_group_member (case_id, group_id, division_code, headcount, joined_at, size_after)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", id, groupId, divisionCode, id.equals(caseId) ? headcount : 1, now, size);
            }
        }
        if (groupOf.containsKey(caseId)) {
            // a member already: its place and headcount as this revision has them (a newcomer was inserted with them)
            jdbc.update("UPDATE case_group_member SET division_code = ?, headcount = ? WHERE case_id = ?", divisionCode,
                    headcount, caseId);
        }
        boolean bySource = headcountNow >= thresholds.groupThreshold();
        boolean recognisedNow = recognisedAt == null && (bySource || count >= thresholds.relatedGroupThreshold());
        if (recognisedNow) {
            recognisedAt = now;
            recognisedBy = bySource ? "source" : "related";
            escalation = escalationEvent;
        }
        jdbc.update("UPDATE case_group SET member_count = ?, headcount = ?, recognised_by = ?, recognised_at = ?,"
                + " escalation_event = ?, updated_at = ? WHERE group_id = ?", count, headcountNow, recognisedBy, recognisedAt,
                escalation, now, groupId);
        List<String> memberIds = jdbc.queryForList("SELECT case_id FROM case_group_member WHERE group_id = ? ORDER BY joined_at, case_id",
                String.class, groupId);
        return Optional.of(new Joined(groupId, size, count, recognisedBy, recognisedAt != null, recognisedNow, memberIds));
    }

    /** The group of this id, if one of its cases is in the scope. */
    public Optional<Group> group(String groupId, ScopeRestriction scope) {
        return jdbc.query("SELECT " + GROUP_COLUMNS + " FROM case_group WHERE group_id = ? AND EXISTS (SELECT 1 FROM"
                        + " case_group_member c WHERE c.group_id = case_group.group_id AND " + scope.sql() + ")",
                (rs, n) -> group(rs), scope.after(groupId)).stream().findFirst();
    }

    /** The group's cases in the scope, in the order they joined. */
    public List<Member> members(String groupId, ScopeRestriction scope) {
        return jdbc.query("SELECT c.case_id, c.division_code, c.headcount, c.joined_at, c.size_after FROM case_group_member c"
                        + " WHERE c.group_id = ? AND " + scope.sql() + " ORDER BY c.joined_at, c.case_id",
                (rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getInt(5)), scope.after(groupId));
    }

    /** Recognised groups, for the status page. */
    public long recognisedGroups() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_group WHERE recognised_at IS NOT NULL", Long.class);
    }

    private static final String GROUP_COLUMNS =
            "group_id, member_count, headcount, recognised_by, recognised_at, escalation_event, created_at";

    private static Group group(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Group(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class));
    }

    static List<String> others(List<String> memberIds, String caseId) {
        List<String> others = new ArrayList<>(memberIds);
        others.remove(caseId);
        return others;
    }
}
