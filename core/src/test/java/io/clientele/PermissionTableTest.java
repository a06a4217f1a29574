package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.clientele.common.Permission;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's permission table true to the code. For every use case a host reaches through
 * the facade ({@code clientele.clients().create}, ...), the permissions the table names are exactly
 * the {@link Permission} constants the use case's code refers to, following its calls through the
 * services it uses (so a permission checked in a shared guard or in another use case it calls
 * counts); and every public use case of the facade is in the table, and nothing else is.
 */
class PermissionTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z]+)\\(\\)\\.([a-zA-Z]+)` \\| ([^|]*) \\|",
            Pattern.MULTILINE);
    private static final Pattern PERMISSION = Pattern.compile("`([A-Z_]+)`");
    private static final JavaClasses CLASSES = ArchitectureTest.mainClasses("io.clientele");

    @Test
    void every_use_case_of_the_facade_is_in_the_readme_table_with_the_permissions_its_code_checks()
            throws IOException {
        Map<String, Set<Permission>> documented = readmeTable();
        Map<String, Set<Permission>> inCode = fromCode();

        assertThat(documented.keySet()).as("use cases in the README table").isEqualTo(inCode.keySet());
        assertThat(documented).as("permissions per use case: README vs code").isEqualTo(inCode);
    }

    @Test
    void the_analysis_sees_a_permission_checked_in_the_shared_guard_and_one_checked_in_place() {
        Map<String, Set<Permission>> inCode = fromCode();

        // editDetails checks through the shared guard, a job checks nothing: both must be seen
        assertThat(inCode.get("clients().editDetails")).contains(Permission.EDIT_CLIENTS);
        assertThat(inCode.get("locks().lock")).containsExactly(Permission.LOCK_CLIENTS);
        assertThat(inCode.get("mailDispatcher().dispatchDue")).isEmpty();
    }

    /** Rows {@code | `accessor().method` | permissions |} of the README's permission table. */
    private static Map<String, Set<Permission>> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Permissions");
        assertThat(start).as("a '## Permissions' section in README.md").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, Set<Permission>> rows = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            Matcher p = PERMISSION.matcher(row.group(3));
            while (p.find()) {
                permissions.add(Permission.valueOf(p.group(1)));
            }
            String key = row.group(1) + "()." + row.group(2);
            assertThat(rows.put(key, permissions)).as("one row for " + key).isNull();
        }
        return rows;
    }

    /** Each public method of each service the facade hands out, with the permissions its code refers to. */
    private static Map<String, Set<Permission>> fromCode() {
        Map<String, Set<Permission>> uses = new TreeMap<>();
        for (Method accessor : Clientele.class.getMethods()) {
            if (accessor.getDeclaringClass() != Clientele.class || accessor.getParameterCount() != 0
                    || Modifier.isStatic(accessor.getModifiers())) {
                continue;
            }
            JavaClass service = CLASSES.get(accessor.getReturnType());
            for (JavaMethod method : service.getMethods()) {
                if (!method.getModifiers().contains(JavaModifier.PUBLIC) || method.getModifiers().contains(JavaModifier.STATIC)
                        || method.getModifiers().contains(JavaModifier.SYNTHETIC)
                        || method.getModifiers().contains(JavaModifier.BRIDGE)) {
                    continue;
                }
                uses.merge(accessor.getName() + "()." + method.getName(), permissionsReachedFrom(method),
                        (a, b) -> {
                            Set<Permission> both = EnumSet.noneOf(Permission.class);
                            both.addAll(a);
                            both.addAll(b);
                            return both;
                        });
            }
        }
        return uses;
    }

    /**
     * The {@link Permission} constants read by {@code start} and by every method or lambda of
     * Clientele's service and common packages it calls, transitively.
     */
    private static Set<Permission> permissionsReachedFrom(JavaCodeUnit start) {
        Set<Permission> found = EnumSet.noneOf(Permission.class);
        Set<JavaCodeUnit> seen = new HashSet<>();
        Deque<JavaCodeUnit> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            if (!seen.add(unit)) {
                continue;
            }
            unit.getFieldAccesses().stream()
                    .filter(a -> a.getTargetOwner().isEquivalentTo(Permission.class))
                    .map(a -> a.getTarget().getName())
                    .filter(name -> Arrays.stream(Permission.values()).anyMatch(p -> p.name().equals(name)))
                    .forEach(name -> found.add(Permission.valueOf(name)));
            unit.getCallsFromSelf().forEach(call -> {
                AccessTarget.CodeUnitCallTarget target = call.getTarget();
                if (followed(target.getOwner())) {
                    target.resolveMember().ifPresent(todo::add);
                }
            });
        }
        return found;
    }

    private static boolean followed(JavaClass owner) {
        String pkg = owner.getPackageName();
        return pkg.startsWith("io.clientele.") && (pkg.endsWith(".service") || pkg.contains(".service."));
    }
}
