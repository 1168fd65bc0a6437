package ai.smartcloudops.audit.check;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The catalogue as the application builds it, from the check beans of a context of the checks alone; once per JVM. */
public final class TestCatalogue {

    private static FindingCatalogue catalogue;

    private TestCatalogue() {
    }

    public static synchronized FindingCatalogue get() {
        if (catalogue == null) {
            try (var context = new AnnotationConfigApplicationContext(CatalogueConfiguration.class)) {
                catalogue = context.getBean(FindingCatalogue.class);
            }
        }
        return catalogue;
    }
}
