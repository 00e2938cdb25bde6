package org.casehub.steering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Header;
import org.casehub.security.Callers;
import org.casehub.security.ScopeRestriction;
import org.casehub.steering.Groups.Group;
import org.casehub.steering.Groups.Member;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/groups/{id}}: a group matter (集体访) as the caller's scope shows it — the group, its cases in the
 * scope in the order they joined, and its size over time (the size once each case had joined). A group none of whose
 * cases is in the scope is 404, as a case would be.
 */
@Component("groupApi")
public class GroupApi {

    private final Groups groups;

    public GroupApi(Groups groups) {
        this.groups = groups;
    }

    public Map<String, Object> group(@Header("id") String id) {
        ScopeRestriction scope = Callers.current().client().scope().restriction("c.division_code");
        Group group = groups.group(id, scope).orElseThrow(() -> new GroupNotFoundException("no group " + id + " in your scope"));
        List<Member> members = groups.members(id, scope);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("groupId", group.groupId());
        answer.put("size", Math.max(group.members(), group.headcount()));
        answer.put("cases", group.members());
        answer.put("headcount", group.headcount());
        answer.put("recognised", group.recognisedAt() != null);
        answer.put("recognisedBy", group.recognisedBy());
        answer.put("recognisedAt", group.recognisedAt() == null ? null : group.recognisedAt().toInstant().toString());
        answer.put("escalationEvent", group.escalationEvent());
        answer.put("createdAt", group.createdAt().toInstant().toString());
        answer.put("members", members.stream().map(m -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("caseId", m.caseId());
            view.put("divisionCode", m.divisionCode());
            view.put("headcount", m.headcount());
            view.put("joinedAt", m.joinedAt().toInstant().toString());
            view.put("sizeAfter", m.sizeAfter());
            return view;
        }).toList());
        return answer;
    }
}
