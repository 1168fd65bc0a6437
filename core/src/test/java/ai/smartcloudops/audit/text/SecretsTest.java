package ai.smartcloudops.audit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void credentialsInFreeTextAreMaskedAndTheRestKept() {
        assertThat(Secrets.redact("login ok for user=alice password=hunter2, retry in 5s"))
                .isEqualTo("login ok for user=alice password=****, retry in 5s");
        assertThat(Secrets.redact("{\"db_password\": \"s3cr et\", \"token\":'abc'}"))
                .isEqualTo("{\"db_password\": ****, \"token\":****}");
        assertThat(Secrets.redact("GET https://bob:pw@api.example/x?access_token=abc&page=2"))
                .isEqualTo("GET https://****@api.example/x?access_token=****&page=2");
        assertThat(Secrets.redact("Authorization: Basic YWxpY2U6aHVudGVyMg== sent"))
                .isEqualTo("Authorization: Basic **** sent");
        assertThat(Secrets.redact("header bearer abcdef.ghijkl.mnop")).isEqualTo("header bearer ****");
        assertThat(Secrets.redact("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG")).isEqualTo("AWS_SECRET_ACCESS_KEY=****");
        assertThat(Secrets.redact("no secret here: 42 tokens counted")).isEqualTo("no secret here: 42 tokens counted");
        assertThat(Secrets.redact(null)).isNull();
    }
}
