package dev.guild.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Cabin { ECONOMY, BUSINESS }

    record Passenger(@ToolParam("full name") String name, @ToolParam(value = "age in years", minimum = 0, maximum = 130) int age) {
    }

    record Booking(@JsonProperty("from") @ToolParam(value = "IATA code", pattern = "[A-Z]{3}") String origin,
                   @ToolParam(value = "cabin class") Cabin cabin,
                   @ToolParam(value = "travellers", minLength = 1, maxLength = 9) List<Passenger> passengers,
                   @ToolParam(value = "free-form tags", required = false) Map<String, String> tags,
                   @ToolParam(value = "budget", required = false, minimum = 0.5) Double budget,
                   boolean refundable) {
    }

    @Test
    void schema_is_generated_from_a_record_with_descriptions_and_constraints() throws Exception {
        JsonNode schema = ToolSchemas.forRecord(Booking.class);

        assertThat(schema).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{
                  "from":{"type":"string","description":"IATA code","pattern":"[A-Z]{3}"},
                  "cabin":{"type":"string","enum":["ECONOMY","BUSINESS"],"description":"cabin class"},
                  "passengers":{"type":"array","items":{"type":"object","properties":{
                      "name":{"type":"string","description":"full name"},
                      "age":{"type":"integer","description":"age in years","minimum":0,"maximum":130}},
                      "required":["name","age"],"additionalProperties":false},
                    "description":"travellers","minItems":1,"maxItems":9},
                  "tags":{"type":"object","additionalProperties":{"type":"string"},"description":"free-form tags"},
                  "budget":{"type":"number","description":"budget","minimum":0.5},
                  "refundable":{"type":"boolean"}},
                 "required":["from","cabin","passengers","refundable"],"additionalProperties":false}
                """));
        assertThat(ToolSchemas.checkSchema(schema)).isEmpty();
    }

    @Test
    void validation_names_each_bad_field() throws Exception {
        JsonNode schema = ToolSchemas.forRecord(Booking.class);
        JsonNode value = JSON.readTree("""
                {"from":"zrh","cabin":"FIRST","passengers":[{"name":"Ada","age":200}],"extra":1}
                """);

        List<String> problems = ToolSchemas.validate(schema, value);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("/from").contains("pattern"))
                .anySatisfy(p -> assertThat(p).contains("/cabin"))
                .anySatisfy(p -> assertThat(p).contains("/passengers/0/age").contains("130"))
                .anySatisfy(p -> assertThat(p).contains("refundable"))
                .anySatisfy(p -> assertThat(p).contains("extra"));
        assertThat(ToolSchemas.validate(schema, JSON.readTree(
                "{\"from\":\"ZRH\",\"cabin\":\"ECONOMY\",\"passengers\":[{\"name\":\"Ada\",\"age\":36}],\"refundable\":true}")))
                .isEmpty();
    }

    record Unsupported(Object anything) {
    }

    @Test
    void unsupported_component_types_are_refused_with_the_type() {
        assertThatThrownBy(() -> ToolSchemas.forRecord(Unsupported.class))
                .hasMessageContaining("java.lang.Object").hasMessageContaining("explicit schema");
    }

    @Test
    void invalid_and_remote_schemas_are_reported() throws Exception {
        assertThat(ToolSchemas.checkSchema(JSON.readTree("{\"type\":\"strange\"}"))).isNotEmpty();
        assertThat(ToolSchemas.checkSchema(JSON.readTree("{\"$ref\":\"https://example.org/s.json\"}")))
                .anySatisfy(p -> assertThat(p).contains("https://example.org/s.json").contains("local reference"));
        assertThat(ToolSchemas.checkSchema(JSON.readTree("[]"))).singleElement().asString().contains("ARRAY");
    }
}
