package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The checks the application registers, read once from the {@link CheckRegistry} of the catalogue's context. A test
 * that runs every check of an area builds them here, so a new check joins it without a hand-kept list.
 */
public final class AllChecks {

    private static final List<Check> REGISTERED = fromRegistry();
    private static final Map<Area, List<Class<? extends Check>>> BY_AREA = Collections.unmodifiableMap(
            REGISTERED.stream().collect(Collectors.groupingBy(Check::area, () -> new EnumMap<>(Area.class),
                    Collectors.mapping(AllChecks::typeOf, Collectors.toList()))));

    private AllChecks() {
    }

    /** The registry's own beans, in its order (by id): for their ids, areas and classes, not to be run. */
    public static List<Check> registered() {
        return REGISTERED;
    }

    /** Every registered check class, by area, in the registry's order. */
    public static Map<Area, List<Class<? extends Check>>> classes() {
        return BY_AREA;
    }

    /** The check's own class, were the bean ever proxied. */
    @SuppressWarnings("unchecked")
    public static Class<? extends Check> typeOf(Check check) {
        return (Class<? extends Check>) ClassUtils.getUserClass(check);
    }

    /**
     * Every check of the area, each built by its constructor from the dependencies given here (matched by type), as
     * a test would build them one by one.
     */
    public static List<Check> of(Area area, Object... dependencies) {
        return BY_AREA.getOrDefault(area, List.of()).stream().map(type -> build(type, dependencies))
                .sorted(Comparator.comparing(Check::id)).toList();
    }

    private static Check build(Class<? extends Check> type, Object... dependencies) {
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " has " + constructors.length
                    + " public constructors; a check bean has one");
        }
        Object[] arguments = Arrays.stream(constructors[0].getParameterTypes())
                .map(parameter -> Arrays.stream(dependencies).filter(parameter::isInstance).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " takes a "
                                + parameter.getSimpleName() + ", and none was given")))
                .toArray();
        try {
            return (Check) constructors[0].newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static List<Check> fromRegistry() {
        try (var context = new AnnotationConfigApplicationContext(CatalogueConfiguration.class)) {
            return context.getBean(CheckRegistry.class).all();
        }
    }
}
