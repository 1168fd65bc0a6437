package ai.smartcloudops.audit.text;

/** Enums whose {@code toString()} is the word the store keeps and the reports show. */
public final class Labels {

    private Labels() {
    }

    /** The constant whose word is {@code label}; an unknown word is refused. */
    public static <E extends Enum<E>> E parse(Class<E> type, String label) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(label)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " '" + label + "'");
    }
}
