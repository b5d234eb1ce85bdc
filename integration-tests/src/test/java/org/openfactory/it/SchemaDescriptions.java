package org.openfactory.it;

import java.util.ArrayList;
import java.util.List;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

/** Finds the types and fields of an SDL document that carry no description. */
final class SchemaDescriptions {

    private SchemaDescriptions() {
    }

    static List<String> undescribed(String sdl) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        List<String> missing = new ArrayList<>();
        for (TypeDefinition<?> type : registry.types().values()) {
            boolean root = List.of("Query", "Mutation", "Subscription").contains(type.getName());
            if (type instanceof ObjectTypeDefinition object) {
                check(missing, type.getName(), object.getDescription(), !root);
                for (FieldDefinition field : object.getFieldDefinitions()) {
                    check(missing, type.getName() + "." + field.getName(), field.getDescription(), true);
                }
            } else if (type instanceof InputObjectTypeDefinition input) {
                check(missing, type.getName(), input.getDescription(), true);
                for (InputValueDefinition field : input.getInputValueDefinitions()) {
                    check(missing, type.getName() + "." + field.getName(), field.getDescription(), true);
                }
            } else if (type instanceof EnumTypeDefinition enumType) {
                check(missing, type.getName(), enumType.getDescription(), true);
            }
        }
        return missing;
    }

    private static void check(List<String> missing, String name, Description description, boolean required) {
        if (required && (description == null || description.getContent().isBlank())) {
            missing.add(name);
        }
    }
}
