package ai.smartcloudops.audit.text;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} of the console log through {@link Printable#safe}: a name with CR/LF in a log message cannot forge
 * a log line of its own, ESC sequences cannot drive the terminal, and a URL quoted in it shows no secret.
 */
public final class PrintableMessage extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.safe(event.getFormattedMessage());
    }
}
