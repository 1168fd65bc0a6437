package ai.smartcloudops.audit.text;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} of the console log with {@link Printable#escape}: a name with CR/LF in a log message cannot forge a
 * log line of its own, and ESC sequences cannot drive the terminal.
 */
public final class PrintableMessage extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.escape(event.getFormattedMessage());
    }
}
