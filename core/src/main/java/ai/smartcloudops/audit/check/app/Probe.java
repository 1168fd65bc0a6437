package ai.smartcloudops.audit.check.app;

import java.time.Duration;

/**
 * What one GET of a health URL saw.
 *
 * @param endpoint the URL probed, with its service and limits
 * @param url      the URL as findings show it (no user information, secret parameters masked)
 * @param status   the HTTP status, 0 without a response
 * @param latency  time to the response headers, connect and TLS handshake included; for a failure, time to it
 * @param failure  why the URL is down, on one line; null when it is up
 */
record Probe(AppTargets.Endpoint endpoint, String url, Outcome outcome, int status, Duration latency,
             String failure) {

    enum Outcome { UP, UNEXPECTED_STATUS, CONNECT_REFUSED, CONNECT_TIMEOUT, READ_TIMEOUT, TLS_ERROR, UNKNOWN_HOST,
        ERROR }

    boolean up() {
        return outcome == Outcome.UP;
    }
}
