package io.futurist.agent.instrument;

import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;

/**
 * Applies Byte Buddy visitors ({@code Advice}, {@code MemberSubstitution}) to the class file of
 * an already loaded JDK class: one ASM read, the visitors, one ASM write.
 *
 * <p>Why not {@code AgentBuilder}: for four classes that are always retransformed, it adds
 * nothing we use, but loading and initialising its machinery (matchers, listeners, type
 * strategies, {@code DynamicType} builders, the type writer and the class-file parser of its
 * {@code TypePool}) was more than half of the agent's start-up. This does what its
 * "decorate only" type writer does for us — the same visitors, the same reader and writer flags,
 * a disabled implementation context (no fields or methods are added, so the class format stays
 * retransformable) — without the rest.
 *
 * <p>The class is described by reflection ({@link TypeDescription.ForLoadedType}), as
 * {@code AgentBuilder} does for a class being retransformed; the types the visitors look up
 * (for example the owner of a call that {@code MemberSubstitution} inspects) are described by
 * loading them from the bootstrap loader, where every type the JDK's executors name lives.
 */
final class ClassRewriter {

    /** Auxiliary types would need new classes; the disabled context refuses them, this name is never used. */
    private static final AuxiliaryType.NamingStrategy NO_AUXILIARY_TYPES = new AuxiliaryType.NamingStrategy.Suffixing("futurist");

    private final TypePool typePool = TypePool.ClassLoading.ofBootLoader();

    /**
     * Returns {@code bytes} of {@code target} rewritten by {@code visitors}.
     *
     * @throws RuntimeException or {@link LinkageError} if a visitor cannot be applied; nothing is changed then
     */
    byte[] rewrite(Class<?> target, byte[] bytes, AsmVisitorWrapper visitors) {
        return rewrite(TypeDescription.ForLoadedType.of(target), typePool, bytes, visitors);
    }

    /**
     * Returns {@code bytes} of the class {@code type} describes rewritten by {@code visitors},
     * the types they look up being described by {@code types}: for a class of an application's
     * class loader, described from its class file rather than by reflection, which would need the
     * class loaded (it may be being defined) and would load what its signatures name.
     *
     * @throws RuntimeException or {@link LinkageError} if a visitor cannot be applied; nothing is changed then
     */
    byte[] rewrite(TypeDescription type, TypePool types, byte[] bytes, AsmVisitorWrapper visitors) {
        ClassFileVersion version = ClassFileVersion.ofClassFile(bytes);
        int writerFlags = visitors.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = visitors.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type, NO_AUXILIARY_TYPES,
                TypeInitializer.None.INSTANCE, version, version, frameGeneration(writerFlags, readerFlags));
        ClassReader reader = new ClassReader(bytes);
        // Built on the reader: methods no visitor touches are copied as they are.
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassVisitor chain = visitors.wrap(type, writer, context, types, type.getDeclaredFields(),
                type.getDeclaredMethods(), writerFlags, readerFlags);
        reader.accept(chain, readerFlags);
        return writer.toByteArray();
    }

    /** As Byte Buddy's own type writer decides it; the disabled context generates no code anyway. */
    private static Implementation.Context.FrameGeneration frameGeneration(int writerFlags, int readerFlags) {
        if ((writerFlags & ClassWriter.COMPUTE_FRAMES) != 0) {
            return Implementation.Context.FrameGeneration.DISABLED;
        }
        return (readerFlags & ClassReader.EXPAND_FRAMES) != 0
                ? Implementation.Context.FrameGeneration.EXPAND
                : Implementation.Context.FrameGeneration.GENERATE;
    }
}
