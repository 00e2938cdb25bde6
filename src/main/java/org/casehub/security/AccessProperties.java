package org.casehub.security;

import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use casehub's HTTP surfaces, and how long their actions are remembered: {@code config/clients.yaml}.
 *
 * @param clients          client id → definition. Default: none.
 * @param extraClientFiles more files of the same form as {@code config/clients.yaml} whose
 *                         {@code casehub.access.clients} are added to these, as Spring resource locations
 *                         ({@code file:…}, {@code classpath:…}); an id may be defined once only. Default: none.
 * @param webhookSecret    secret that webhook senders put in the header {@code X-Webhook-Secret}, at least 16
 *                         characters; {@code config/clients.yaml} takes it from {@code CASEHUB_WEBHOOK_SECRET}.
 *                         Default: none, so the file {@code webhook.secret} of {@code casehub.pii.key-directory}
 *                         is used, and generated when {@code casehub.pii.generate-missing} allows.
 * @param audit            the audit trail's retention
 */
@ConfigurationProperties("casehub.access")
public record AccessProperties(
        Map<String, ClientDefinition> clients,
        List<String> extraClientFiles,
        String webhookSecret,
        @DefaultValue Audit audit) {

    public AccessProperties {
        clients = clients == null ? Map.of() : new LinkedHashMap<>(clients);
        extraClientFiles = extraClientFiles == null ? List.of() : List.copyOf(extraClientFiles);
    }

    /**
     * @param name         who the client is
     * @param keySha256    SHA-256 of the client's API key, 64 hex characters; never the key itself
     * @param roles        {@code reader}, {@code operator}; at least one
     * @param scope        a division code at any tier, or a functional zone's code
     * @param personalData whether persons' data may be read in the clear. Default {@code false}.
     * @param enabled      whether the key is accepted. Default {@code true}.
     */
    public record ClientDefinition(
            String name,
            String keySha256,
            Set<Role> roles,
            String scope,
            @DefaultValue("false") boolean personalData,
            @DefaultValue("true") boolean enabled) {

        public ClientDefinition {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }

    /**
     * @param retention rows older than this are purged; at least six months ({@link AuditRetention#MINIMUM}).
     *                  Default {@code P6M}.
     * @param purgeCron when the purge runs, a Spring cron expression. Default {@code 0 30 3 * * *} (03:30 daily).
     * @param purgeZone time zone of {@link #purgeCron()} and of the day boundary that rounds the retention down.
     *                  Default {@code Asia/Shanghai}.
     */
    public record Audit(
            @DefaultValue("P6M") Period retention,
            @DefaultValue("0 30 3 * * *") String purgeCron,
            @DefaultValue("Asia/Shanghai") ZoneId purgeZone) {
    }

    /** Keeps the webhook secret out of logs and failure reports that print the bound properties. */
    @Override
    public String toString() {
        return "AccessProperties[clients=" + clients.keySet() + ", extraClientFiles=" + extraClientFiles
                + ", webhookSecret=" + (webhookSecret == null || webhookSecret.isBlank() ? "(none)" : "(redacted)")
                + ", audit=" + audit + "]";
    }
}
