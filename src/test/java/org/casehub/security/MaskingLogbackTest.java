package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;

class MaskingLogbackTest {

    private static final String ID = "44030419940328607X";
    private static final String PHONE = "13812341234";

    private final LoggerContext context = new LoggerContext();

    MaskingLogbackTest() {
        // A context of its own, not the one slf4j set up, so it needs the MDC adapter slf4j would give it.
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stopLogging() {
        context.stop();
    }

    @Test
    void messagesAndStackTracesLoggedThroughTheMaskingConvertersAreMasked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = context.getLogger("org.casehub.intake");
        logger.addAppender(appender("%level %maskedMsg%n%maskedEx", out));

        logger.info("来电人身份证号{}，电话{}，案件编号44202611140000000001", ID, PHONE);
        logger.warn("case rejected", new IllegalArgumentException("caller " + PHONE,
                new IllegalStateException("bad ID number " + ID)));

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("INFO 来电人身份证号440304********607X，电话138****1234，案件编号44202611140000000001")
                .contains("WARN case rejected")
                .contains("java.lang.IllegalArgumentException: caller 138****1234")
                .contains("Caused by: java.lang.IllegalStateException: bad ID number 440304********607X")
                .contains("at org.casehub.security.MaskingLogbackTest")
                .doesNotContain(ID, PHONE);
    }

    @Test
    void consoleOfLogbackSpringXmlMasksMessagesAndStackTraces() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
        assertThat(new StatusUtil(context).getHighestLevel(0))
                .as(() -> context.getStatusManager().getCopyOfStatusList().toString())
                .isLessThan(Status.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE");

        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("org.casehub.intake"),
                Level.INFO, "caller {} phone {}", new IllegalArgumentException("bad ID number " + ID),
                new Object[] {ID, PHONE});
        String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(line)
                .contains(" INFO ")
                .contains("org.casehub.intake")
                .contains("caller 440304********607X phone 138****1234")
                .contains("java.lang.IllegalArgumentException: bad ID number 440304********607X")
                .doesNotContain(ID, PHONE);
    }

    @Test
    void phonesLoggedInEveryWrittenFormAreMasked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = context.getLogger("org.casehub.intake");
        logger.addAppender(appender("%maskedMsg%n", out));

        logger.info("phones {} / {} / {} / {} / {}", "+86 138 1234 1234", "8613812341234", "138 1234 1234",
                "138-1234-1234", "１３８１２３４１２３４");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "phones +86 138 **** 1234 / 86138****1234 / 138 **** 1234 / 138-****-1234 / １３８****１２３４\n");
    }

    private OutputStreamAppender<ILoggingEvent> appender(String pattern, ByteArrayOutputStream out) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("maskedMsg", MaskingMessageConverter::new);
        layout.getInstanceConverterMap().put("maskedEx", MaskingThrowableConverter::new);
        layout.setPattern(pattern);
        layout.start();

        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        return appender;
    }
}
