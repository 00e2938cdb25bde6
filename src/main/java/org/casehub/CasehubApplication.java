package org.casehub;

import org.casehub.home.CasehubHome;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CasehubApplication {

    public static void main(String[] args) {
        CasehubHome.useConfigFolderOf(args);
        SpringApplication.run(CasehubApplication.class, args);
    }
}
