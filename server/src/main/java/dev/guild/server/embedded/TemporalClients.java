package dev.guild.server.embedded;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;

/** Temporal service stubs for a {@link TemporalEndpoint}, with TLS when it asks for it. */
public final class TemporalClients {

    private TemporalClients() {
    }

    /** Stubs that connect lazily: a cluster that is down shows up at the first call, not here. */
    public static WorkflowServiceStubs serviceStubs(TemporalEndpoint endpoint) {
        return serviceStubs(endpoint, Optional.empty());
    }

    /**
     * Stubs over {@code inProcess} when there is one (the embedded server's in-process channel; see
     * {@link GuildServices#temporalInProcessChannel()}; the stubs do not close it), otherwise as
     * {@link #serviceStubs(TemporalEndpoint)}.
     */
    public static WorkflowServiceStubs serviceStubs(TemporalEndpoint endpoint, Optional<ManagedChannel> inProcess) {
        if (inProcess.isPresent()) {
            return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setChannel(inProcess.get()).build());
        }
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(endpoint.target());
        if (endpoint.tls().enabled()) {
            options.setSslContext(sslContext(endpoint.tls()));
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    static SslContext sslContext(TemporalEndpoint.Tls tls) {
        try {
            SimpleSslContextBuilder builder;
            if (tls.cert().isPresent() && tls.key().isPresent()) {
                try (InputStream cert = Files.newInputStream(tls.cert().get());
                     InputStream key = Files.newInputStream(tls.key().get())) {
                    builder = SimpleSslContextBuilder.forPKCS8(cert, key);
                    return withTrust(builder, tls).build();
                }
            }
            return withTrust(SimpleSslContextBuilder.noKeyOrCertChain(), tls).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Temporal TLS files (guild.temporal.tls.cert/key/ca): "
                    + e.getMessage(), e);
        }
    }

    private static SimpleSslContextBuilder withTrust(SimpleSslContextBuilder builder, TemporalEndpoint.Tls tls)
            throws IOException {
        if (tls.ca().isEmpty()) {
            return builder;
        }
        Path ca = tls.ca().get();
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("guild.temporal.tls.ca=" + ca + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return builder.setTrustManager(factory.getTrustManagers()[0]);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("guild.temporal.tls.ca=" + ca + " is not a PEM CA certificate: "
                    + e.getMessage(), e);
        }
    }
}
