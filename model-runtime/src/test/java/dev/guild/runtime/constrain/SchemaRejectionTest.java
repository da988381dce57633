package dev.guild.runtime.constrain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRejectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"number\", \"minimum\": 1}|minimum|/minimum|not supported on type number",
            "{\"type\": \"integer\", \"minimum\": 5, \"exclusiveMaximum\": 5}|minimum|/|no integer lies between the bounds (5 > 4)",
            "{\"type\": \"integer\", \"maximum\": 1e12}|maximum|/maximum|within ±100000000",
            "{\"type\": \"object\", \"minProperties\": 1}|minProperties|/minProperties|not supported by constrained decoding",
            "{\"properties\": {\"a\": {\"allOf\": [{\"type\": \"string\"}]}}}|allOf|/properties/a/allOf|not supported",
            "{\"type\": \"string\", \"pattern\": \"^(ab)+$\"}|pattern|/pattern|only simple patterns",
            "{\"enum\": []}|enum|/enum|no listed value",
            "{\"type\": \"string\", \"enum\": [1, 2]}|enum|/enum|no listed value has the type [string]",
            "{\"type\": \"string\", \"minLength\": 5, \"maxLength\": 2}|minLength|/minLength|minLength 5 is above maxLength 2",
            "{\"type\": \"object\", \"required\": [\"x\"], \"additionalProperties\": false}|required|/required|required property 'x' is not in properties",
            "{\"type\": \"array\", \"minItems\": 3, \"maxItems\": 1}|minItems|/minItems|minItems 3 is above maxItems 1",
            "{\"type\": \"array\", \"maxItems\": 100000}|maxItems|/|bounds above 256",
            "{\"$ref\": \"https://example.org/s.json\"}|$ref|/$ref|only local references",
            "{\"properties\": {\"p\": {\"$ref\": \"#/$defs/missing\"}}}|$ref|/properties/p/$ref|points to nothing",
            "{\"type\": \"strin\"}|type|/type|unknown type 'strin'",
            "{\"type\": \"object\", \"anyOf\": [{\"required\": [\"a\"]}]}|type|/type|keywords beside anyOf",
            "{\"anyOf\": []}|anyOf|/anyOf|non-empty array",
            "{\"properties\": {\"f\": false}}|false|/properties/f|accepts no value",
            "{\"type\": \"array\", \"items\": {\"type\": \"number\", \"multipleOf\": 2}}|multipleOf|/items/multipleOf|not supported"})
    void unsupported_or_unsatisfiable_schemas_name_the_keyword_and_path(String schema, String keyword, String path,
                                                                        String message) {
        assertThatThrownBy(() -> JsonGrammar.compile(RandomSchemas.parse(schema)))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.keyword()).isEqualTo(keyword);
                    org.assertj.core.api.Assertions.assertThat(e.path().isEmpty() ? "/" : e.path()).isEqualTo(path);
                })
                .hasMessageContaining(message)
                .hasMessageStartingWith("schema keyword '" + keyword + "' at " + path);
    }
}
