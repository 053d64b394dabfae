package io.futurist.agent.instrument;

import java.lang.reflect.Method;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Replaces calls of one method, inside the methods a hook selects, with a call of a static
 * probe that takes the same receiver and arguments and returns the same type: for example
 * {@code task.run()} inside {@code runWorker} with {@code ThreadPoolProbe.run(task)}.
 *
 * <p>Why not Byte Buddy's {@code MemberSubstitution}: it resolves every call site's target
 * through a method graph of the owner type, described by reflection with its generics, which
 * loaded about a hundred classes and ran for tens of milliseconds in the interpreter at
 * start-up, for call sites that are fully identified by their instruction alone. The swap keeps
 * the operand stack as it is (receiver and arguments in, the same result out), so no frame or
 * stack size changes.
 */
final class CallSiteSwap {

    private final int opcode;
    private final String owner;
    private final String name;
    private final String descriptor;
    private final String probeOwner;
    private final String probeName;
    private final String probeDescriptor;

    private CallSiteSwap(int opcode, String owner, String name, String descriptor, Method probe) {
        this.opcode = opcode;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.probeOwner = Type.getInternalName(probe.getDeclaringClass());
        this.probeName = probe.getName();
        this.probeDescriptor = Type.getMethodDescriptor(probe);
    }

    /** Swaps calls of the interface method {@code type.name()} (no parameters) for {@code probe}. */
    static CallSiteSwap interfaceCall(Class<?> type, String name, Method probe) {
        Method called = Hook.probe(type, name);
        return new CallSiteSwap(Opcodes.INVOKEINTERFACE, Type.getInternalName(type), name,
                Type.getMethodDescriptor(called), probe);
    }

    /** Swaps virtual calls of {@code name(descriptor)} on any owner for {@code probe}. */
    static CallSiteSwap virtualCall(String name, String descriptor, Method probe) {
        return new CallSiteSwap(Opcodes.INVOKEVIRTUAL, null, name, descriptor, probe);
    }

    /** The hook's visitor: these swaps, inside the methods {@code within} selects. */
    static AsmVisitorWrapper inside(ElementMatcher<? super MethodDescription> within, CallSiteSwap... swaps) {
        return new AsmVisitorWrapper.ForDeclaredMethods().method(within,
                (instrumentedType, instrumentedMethod, visitor, context, typePool, writerFlags, readerFlags) ->
                        new Swapping(visitor, swaps));
    }

    private boolean matches(int opcode, String owner, String name, String descriptor) {
        return this.opcode == opcode && (this.owner == null || this.owner.equals(owner))
                && this.name.equals(name) && this.descriptor.equals(descriptor);
    }

    private static final class Swapping extends MethodVisitor {
        private final CallSiteSwap[] swaps;

        Swapping(MethodVisitor delegate, CallSiteSwap[] swaps) {
            super(Opcodes.ASM9, delegate);
            this.swaps = swaps;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            for (CallSiteSwap swap : swaps) {
                if (swap.matches(opcode, owner, name, descriptor)) {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, swap.probeOwner, swap.probeName,
                            swap.probeDescriptor, false);
                    return;
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
