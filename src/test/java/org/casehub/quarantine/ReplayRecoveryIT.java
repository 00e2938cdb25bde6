package org.casehub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.jobs.JobRows;
import org.casehub.quarantine.ReplayJobRepository.Job;
import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.StandaloneHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Background replays that a hub left running when it stopped without saying so (a crash, a kill): the hub started
 * again reports them interrupted, with when and why, while a replay another live instance runs stays running. Its own
 * hubs, one after the other on one data folder and index database, named as instances by their lease holder.
 */
class ReplayRecoveryIT {

    private final StandaloneHub hubs = new StandaloneHub().with("casehub.leases.holder", "hub-a");
    private ConfigurableApplicationContext hub;

    @AfterEach
    void closeTheHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void replaysLeftRunningByAGoneInstanceAreReportedInterruptedAfterARestartAndALiveInstancesOneIsNot() {
        hub = hubs.start();
        ReplayJobRepository jobs = hub.getBean(ReplayJobRepository.class);
        // hub-a's own replay, as a crash leaves it: running (its runner thread never ends it)
        Job own = jobs.create("it-operator", "{\"feed\":\"livelihood\"}", 40, "hub-a");
        jobs.progress(own.id(), 8, 2, 0);
        // a replay of hub-c, which crashed an hour ago; and one of hub-b, which is alive
        Job crashed = jobs.create("it-operator", "{\"stage\":\"code-list\"}", 10, "hub-c");
        JdbcTemplate index = hub.getBean(JdbcTemplate.class);
        index.update("UPDATE quarantine_replay SET heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '3600' SECOND WHERE id = ?",
                crashed.id());
        Job live = jobs.create("it-operator", "{\"stage\":\"mapping\"}", 10, "hub-b");
        hub.close();

        hub = hubs.start();
        jobs = hub.getBean(ReplayJobRepository.class);

        JsonNode ownView = replay(own.id());
        assertThat(ownView.path("state").asText()).isEqualTo("interrupted");
        assertThat(ownView.path("finishedAt").asText()).isNotBlank();
        assertThat(ownView.path("message").asText()).contains("hub-a", "stopped or crashed", "start a new replay");
        assertThat(ownView.path("done").asInt()).as("its progress is kept").isEqualTo(10);
        JsonNode crashedView = replay(crashed.id());
        assertThat(crashedView.path("state").asText()).isEqualTo("interrupted");
        assertThat(crashedView.path("message").asText()).contains("hub-c", "last heartbeat");
        assertThat(replay(live.id()).path("state").asText()).as("hub-b beats its heartbeat").isEqualTo("running");
        assertThat(hub.getBean(JdbcTemplate.class).queryForList("SELECT outcome FROM audit_log WHERE action = 'quarantine.replay' AND target = ?",
                String.class, "quarantine-replay:" + crashed.id())).containsExactly("failed");

        // an instance taken for gone (cut off too long) finds its replay no longer running at its next batch, and stops
        assertThat(jobs.progress(crashed.id(), 1, 0, 0)).isFalse();
        assertThat(jobs.finish(crashed.id(), JobRows.FINISHED, null)).isFalse();
        assertThat(jobs.find(crashed.id()).orElseThrow().state()).isEqualTo("interrupted");
        assertThat(jobs.progress(live.id(), 1, 0, 0)).isTrue();
    }

    private JsonNode replay(String id) {
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        return HubHttp.json(new HubHttp(port).get("/api/quarantine/replays/" + id, TestClients.OPERATOR_KEY));
    }
}
