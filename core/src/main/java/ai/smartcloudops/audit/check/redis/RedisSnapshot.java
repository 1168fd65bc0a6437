package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Gap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Slowlog;

/**
 * What the audit reads of one Redis instance in a run, on one connection, once for every Redis check of the
 * instance: INFO, the CONFIG values INFO does not show, and the slow log. A command the audit's ACL user may not run
 * is kept as the gap of whichever check needs its answer (INFO refused is every check's); a command the server
 * renamed or disabled (ElastiCache's CONFIG) is an answer nobody has.
 *
 * @param config  CONFIG GET values by name, where the server gave them
 * @param slowLog the slow log's length and latest entries, empty where it could not be read
 * @param refused the gap each refused command left, by CONFIG name or {@link #SLOWLOG}
 * @param failure why the slow log could not be read when the server refused it otherwise, else null
 */
record RedisSnapshot(RedisInfo info, Map<String, String> config, Optional<SlowLog> slowLog, Map<String, Gap> refused,
                     String failure) {

    static final String SLOWLOG = "slowlog";
    /** The slow log entries read: the slowest of them are shown. */
    static final int SLOWLOG_READ = 32;

    /** @param recent the latest entries, at most {@link #SLOWLOG_READ} */
    record SlowLog(long length, List<Slowlog> recent) {

        SlowLog {
            recent = List.copyOf(recent);
        }
    }

    RedisSnapshot {
        config = Map.copyOf(config);
        refused = Map.copyOf(refused);
    }

    static RedisSnapshot read(Jedis jedis, Function<JedisAccessControlException, Gap> denied) {
        RedisInfo info = RedisInfo.read(jedis);
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, Gap> refused = new LinkedHashMap<>();
        // INFO shows maxmemory_policy and maxclients from Redis 6 (and ElastiCache) on; older servers only CONFIG GET
        List<String> names = info.string("maxmemory_policy").isPresent() && info.number("maxclients").isPresent()
                ? List.of("save") : List.of("maxmemory-policy", "maxclients", "save");
        for (String name : names) {
            try {
                Optional.ofNullable(jedis.configGet(name).get(name)).ifPresent(value -> config.put(name, value));
            } catch (JedisAccessControlException e) {
                refused.put(name, denied.apply(e));
            } catch (JedisDataException e) {
                // CONFIG renamed or disabled: nothing the audit could be given
            }
        }
        Optional<SlowLog> slowLog = Optional.empty();
        String failure = null;
        try {
            slowLog = Optional.of(new SlowLog(jedis.slowlogLen(), jedis.slowlogGet(SLOWLOG_READ)));
        } catch (JedisAccessControlException e) {
            refused.put(SLOWLOG, denied.apply(e));
        } catch (JedisDataException e) {
            failure = "SLOWLOG failed: " + e.getMessage();
        }
        return new RedisSnapshot(info, config, slowLog, refused, failure);
    }
}
