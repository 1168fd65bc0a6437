package ai.smartcloudops.audit.api;

import ai.smartcloudops.audit.schedule.ServeProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every /api call carries {@code Authorization: Bearer <token>}. The token is compared in constant time and is
 * never logged or echoed.
 */
@Component
@Profile("serve")
class ApiToken implements HandlerInterceptor, WebMvcConfigurer {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    ApiToken(ServeProperties properties) {
        this.token = properties.apiToken() == null ? null : properties.apiToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (token == null) {
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "the API is off: set HEALTH_AUDIT_SERVE_API_TOKEN (health-audit.serve.api-token)");
            return false;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        byte[] given = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"health-audit\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "missing or wrong bearer token");
            return false;
        }
        return true;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
