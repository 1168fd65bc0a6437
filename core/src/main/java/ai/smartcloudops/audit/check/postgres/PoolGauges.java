package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.prometheus.PrometheusApi;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The application's connection pool as Prometheus answers its configured gauges, read once per database and run:
 * each gauge's one number, or why there is none (no series, several, a failed query).
 */
record PoolGauges(Gauge size, Gauge checkedOut, Gauge overflow) {

    /** A gauge's value, or the problem its query had; an unconfigured gauge (overflow) reads as 0. */
    record Gauge(String name, String query, OptionalDouble value, String problem) {

        Gauge {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (value.isPresent() == (problem != null)) {
                throw new IllegalArgumentException("a gauge has a value or a problem");
            }
        }

        static Gauge of(String name, String query, double value) {
            return new Gauge(name, query, OptionalDouble.of(value), null);
        }

        static Gauge failed(String name, String query, String problem) {
            return new Gauge(name, query, OptionalDouble.empty(), problem);
        }
    }

    PoolGauges {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(checkedOut, "checkedOut");
        Objects.requireNonNull(overflow, "overflow");
    }

    static PoolGauges read(PrometheusApi prometheus, PostgresProperties.Pool pool) throws InterruptedException {
        return new PoolGauges(gauge(prometheus, "size", pool.size()),
                gauge(prometheus, "checked-out", pool.checkedOut()),
                pool.overflow() == null ? Gauge.of("overflow", null, 0) : gauge(prometheus, "overflow", pool.overflow()));
    }

    private static Gauge gauge(PrometheusApi prometheus, String name, String query) throws InterruptedException {
        try {
            List<PrometheusApi.Sample> samples = prometheus.query(query);
            if (samples.size() == 1 && Double.isFinite(samples.get(0).value())) {
                return Gauge.of(name, query, samples.get(0).value());
            }
            if (samples.size() == 1) {
                // NaN or ±Inf (a ratio over an empty pool): no count of connections
                return Gauge.failed(name, query, "returned " + samples.get(0).value() + " where a count was expected");
            }
            return Gauge.failed(name, query, samples.isEmpty() ? "returned no series" : "returned " + samples.size()
                    + " series where one number was expected (aggregate it, e.g. with sum)");
        } catch (IOException e) {
            return Gauge.failed(name, query, "failed: " + e.getMessage());
        }
    }
}
