package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every text an API request body carries has a declared maximum length (R8.5): each String of
 * each body record, of the records nested in it and of its lists, carries {@code @Size(max = N)},
 * which the OpenAPI document publishes and the checks enforce before the database.
 */
class RequestBodyLimitsTests {

    @Test
    @DisplayName("R8.5 every text field of every API request body declares its maximum length (@Size)")
    void everyTextDeclaresItsMaximum() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<String> undeclared = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        int bodies = 0;
        for (BeanDefinition controller : scanner.findCandidateComponents("org.charte")) {
            for (Method method : Class.forName(controller.getBeanClassName()).getDeclaredMethods()) {
                // a lean handler reads its body itself and declares it in its OpenAPI operation (ConsentApi.record)
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null) {
                    for (Content content : operation.requestBody().content()) {
                        if (content.schema().implementation().isRecord()) {
                            bodies++;
                            walk(content.schema().implementation(), content.schema().implementation().getSimpleName(), seen, undeclared);
                        }
                    }
                }
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class) && parameter.getType().isRecord()) {
                        bodies++;
                        walk(parameter.getType(), parameter.getType().getSimpleName(), seen, undeclared);
                    }
                }
            }
        }
        assertThat(bodies).as("request bodies found").isGreaterThan(30);
        assertThat(undeclared).as("texts without @Size(max = N)").isEmpty();
    }

    private static void walk(Class<?> record, String path, Set<Class<?>> seen, List<String> undeclared) {
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            check(component.getAnnotatedType(), path + "." + component.getName(), seen, undeclared);
        }
    }

    private static void check(AnnotatedType type, String path, Set<Class<?>> seen, List<String> undeclared) {
        Class<?> raw = type.getType() instanceof Class<?> c ? c
                : (Class<?>) ((ParameterizedType) type.getType()).getRawType();
        if (CharSequence.class.isAssignableFrom(raw)) {
            Size size = type.getAnnotation(Size.class);
            if (size == null || size.max() == Integer.MAX_VALUE) {
                undeclared.add(path);
            }
        } else if (Collection.class.isAssignableFrom(raw) && type instanceof AnnotatedParameterizedType parameterized) {
            check(parameterized.getAnnotatedActualTypeArguments()[0], path + "[]", seen, undeclared);
        } else if (raw.isRecord() && raw.getPackageName().startsWith("org.charte")) {
            walk(raw, raw.getSimpleName(), seen, undeclared);
        }
    }
}
