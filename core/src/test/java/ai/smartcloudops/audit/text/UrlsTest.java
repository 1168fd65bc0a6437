package ai.smartcloudops.audit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void userInformationAndSecretParametersAreMaskedAndTheRestKept() {
        assertThat(Urls.mask("jdbc:postgresql://audit:S3cret@db.internal:5432/audit?sslmode=require"
                + "&password=P2&sslpassword=P3&ApplicationName=x"))
                .isEqualTo("jdbc:postgresql://****@db.internal:5432/audit?sslmode=require&password=****"
                        + "&sslpassword=****&ApplicationName=x");
        assertThat(Urls.mask("https://hooks.example/x?access_token=T&api_key=K&X-Amz-Signature=S&x=1#top"))
                .isEqualTo("https://hooks.example/x?access_token=****&api_key=****&X-Amz-Signature=****&x=1#top");
        assertThat(Urls.mask("redis://:r3dis@cache:6379/0")).isEqualTo("redis://****@cache:6379/0");
        assertThat(Urls.mask("http://prometheus:9090")).isEqualTo("http://prometheus:9090");
    }

    @Test
    void aPasswordWithAnUnencodedAtSignIsMaskedWhole() {
        assertThat(Urls.mask("jdbc:postgresql://audit:p@ss@db:5432/audit")).isEqualTo("jdbc:postgresql://****@db:5432/audit");
    }

    @Test
    void aUrlQuotedInAMessageIsMaskedThere() {
        assertThat(Urls.mask("GET https://u:pw@es:9200/_cluster/health?token=abc: connection refused"))
                .isEqualTo("GET https://****@es:9200/_cluster/health?token=**** connection refused");
    }

    @Test
    void theSecretsOfAUrlAreMaskedWhereAMessageRepeatsThemWithoutTheUrl() {
        String url = "jdbc:postgresql://audit:S%40cret@db:5432/audit?password=P2";

        assertThat(Urls.mask("no route to audit:S%40cret@db, login audit/S@cret, password P2 rejected", url))
                .isEqualTo("no route to ****@db, login audit/****, password **** rejected");
    }
}
