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
    /** Whether the original call stays, after the probe has seen its last argument (a tap, not a swap). */
    private final boolean tap;

    private CallSiteSwap(int opcode, String owner, String name, String descriptor, Method probe) {
        this(opcode, owner, name, descriptor, probe, false);
    }

    private CallSiteSwap(int opcode, String owner, String name, String descriptor, Method probe, boolean tap) {
        this.opcode = opcode;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.probeOwner = Type.getInternalName(probe.getDeclaringClass());
        this.probeName = probe.getName();
        this.probeDescriptor = Type.getMethodDescriptor(probe);
        this.tap = tap;
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

    /**
     * Keeps virtual calls of {@code name(descriptor)} on any owner, and calls {@code probe} just
     * before each with the call's last argument: {@code probe} takes that argument and returns it
     * unchanged, so the operand stack is as it was. For a call whose callee may be overridden or
     * is out of reach of the probe (a protected method of an application class), where the
     * argument is what the probe wants to see.
     */
    static CallSiteSwap tapLastArgument(String name, String descriptor, Method probe) {
        return new CallSiteSwap(Opcodes.INVOKEVIRTUAL, null, name, descriptor, probe, true);
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
                    if (swap.tap) {
                        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                    }
                    return;
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
