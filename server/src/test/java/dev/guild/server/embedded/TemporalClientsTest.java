package dev.guild.server.embedded;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemporalClientsTest {

    @TempDir
    Path dir;

    private static TemporalEndpoint.Tls trusting(Path ca) {
        return new TemporalEndpoint.Tls(true, Optional.empty(), Optional.empty(), Optional.of(ca));
    }

    @Test
    void a_pem_ca_becomes_the_trust_of_a_client_tls_context() throws Exception {
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=guild-test-ca", "-validity", "1",
                "-keystore", store.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());

        SslContext context = TemporalClients.sslContext(trusting(pem));

        assertThat(context.isClient()).isTrue();
    }

    @Test
    void a_ca_file_without_a_certificate_is_rejected_with_its_key() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "this is not a certificate");

        assertThatThrownBy(() -> TemporalClients.sslContext(trusting(notPem)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("guild.temporal.tls.ca=" + notPem);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
