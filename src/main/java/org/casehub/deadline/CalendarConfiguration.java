package org.casehub.deadline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.casehub.home.CasehubHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The working-day calendar, read once from the home folder's calendar files (or their packaged copies). */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    WorkingCalendar workingCalendar(CasehubHome home, DeadlineProperties properties) {
        Map<String, String> files = new LinkedHashMap<>();
        properties.calendarFiles().forEach(file -> files.put(file, home.read(file)));
        return WorkingCalendar.parse(files);
    }
}
