package org.charte.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller that renders pages (Thymeleaf views), in place of {@code @Controller}: the layout's
 * advices (the brand, the language link, the staff bar, the readable 403 page) apply to these
 * controllers only, never to an API's {@code @RestController}, whose JSON needs none of them and
 * should not pay for them on every request. {@code CodeShapeTests} checks that every controller
 * rendering a view carries it and no {@code @RestController} does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

    @AliasFor(annotation = Controller.class)
    String value() default "";
}
