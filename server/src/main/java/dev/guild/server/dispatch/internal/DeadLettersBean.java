package dev.guild.server.dispatch.internal;

import dev.guild.server.dispatch.DeadLetters;

import dev.guild.server.embedded.KafkaEndpoint;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The shared {@link DeadLetters} producer of the application's consumers. */
@Singleton
public class DeadLettersBean {

    @Produces
    @Singleton
    DeadLetters deadLetters(KafkaEndpoint kafka) {
        return new DeadLetters(kafka);
    }

    void close(@Disposes DeadLetters deadLetters) {
        deadLetters.close();
    }
}
