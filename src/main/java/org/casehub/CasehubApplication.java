package org.casehub;

import org.casehub.feed.DryRunCommand;
import org.casehub.home.CasehubHome;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CasehubApplication {

    public static void main(String[] args) {
        // --casehub.dry-run.feed=… runs the dry run command instead of the hub: no server, database or broker
        if (DryRunCommand.requested(args)) {
            DryRunCommand.main(args);
            return;
        }
        CasehubHome.useConfigFolderOf(args);
        SpringApplication.run(CasehubApplication.class, args);
    }
}
