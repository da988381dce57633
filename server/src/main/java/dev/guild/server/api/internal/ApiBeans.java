package dev.guild.server.api.internal;

import dev.guild.server.api.ApiConfig;
import dev.guild.server.hooks.ErrorBody;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Puts the {@link ApiGuard} in front of {@code /api/**} with the configured tokens (bad tokens stop the start), says
 * at start which access mode holds, and answers a JSON 404 for any {@code /api} path no endpoint serves.
 */
@Singleton
public class ApiBeans {
    private static final Logger LOG = Logger.getLogger(ApiBeans.class);

    void mount(@Observes Router router, ApiConfig config) {
        if (config.maxBodyBytes() < 1) {
            throw new IllegalStateException("guild.api.max-body-bytes=" + config.maxBodyBytes()
                    + " must be at least 1; remove it for the default (1048576 = 1 MiB)");
        }
        ApiTokens tokens = ApiTokens.load(config.tokens(), config.tokensFile());
        new ApiGuard(tokens, config.maxBodyBytes()).register(router);
        router.route(ApiGuard.PATH).order(Integer.MAX_VALUE - 1).handler(ctx -> ApiGuard.refuse(ctx, 404,
                new ErrorBody("not_found", "There is no API endpoint " + ctx.request().method() + " "
                        + ctx.request().path(), ApiErrors.CHECK_PATH)));
        if (tokens.none()) {
            LOG.warn("API access: no token configured (guild.api.tokens, guild.api.tokens-file), so /api/** answers"
                    + " loopback clients only and refuses every other address with 403; configure a token before"
                    + " exposing the API or putting a proxy on this machine in front of it (" + ApiTokens.GENERATE + ")");
        } else {
            LOG.infof("API access: bearer token required on /api/** (%d token(s) configured)", tokens.count());
        }
    }
}
