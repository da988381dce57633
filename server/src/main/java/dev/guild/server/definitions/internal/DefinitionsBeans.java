package dev.guild.server.definitions.internal;

import dev.guild.server.definitions.DefinitionStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/** The PostgreSQL store of workflow versions. */
@Singleton
public class DefinitionsBeans {

    @Produces
    @Singleton
    DefinitionStore definitions(DataSource dataSource) {
        return new DefinitionStore(dataSource);
    }
}
