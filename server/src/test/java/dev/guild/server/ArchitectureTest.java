package dev.guild.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the module dependency direction of docs/architecture.md:
 * {@code tools <- agents <- workflows <- server}; {@code model-runtime} depends on no other Guild module.
 */
class ArchitectureTest {

    private static final JavaClasses GUILD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.guild");

    @Test
    void tools_depend_on_no_other_guild_module() {
        noClasses().that().resideInAPackage("dev.guild.tools..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.guild.agents..", "dev.guild.workflows..", "dev.guild.server..", "dev.guild.runtime..")
                .allowEmptyShould(true)
                .check(GUILD);
    }

    @Test
    void agents_depend_only_on_tools() {
        noClasses().that().resideInAPackage("dev.guild.agents..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.guild.workflows..", "dev.guild.server..", "dev.guild.runtime..",
                        "io.temporal..", "org.apache.kafka..", "io.vertx..", "jakarta.ws.rs..")
                .allowEmptyShould(true)
                .check(GUILD);
    }

    @Test
    void workflows_do_not_see_server_runtime_or_transports() {
        noClasses().that().resideInAPackage("dev.guild.workflows..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.guild.server..", "dev.guild.runtime..", "org.apache.kafka..", "jakarta.ws.rs..")
                .allowEmptyShould(true)
                .check(GUILD);
    }

    @Test
    void model_runtime_depends_on_no_other_guild_module() {
        noClasses().that().resideInAPackage("dev.guild.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.guild.tools..", "dev.guild.agents..", "dev.guild.workflows..", "dev.guild.server..")
                .allowEmptyShould(true)
                .check(GUILD);
    }

    @Test
    void guild_packages_are_free_of_cycles() {
        slices().matching("dev.guild.(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true)
                .check(GUILD);
    }
}
