package org.openfactory.simulator.opcua;

import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/** {@code ResetAlarm()}: the operator acknowledges the high temperature alarm. No arguments, no results. */
final class ResetAlarmMethod extends AbstractMethodInvocationHandler {

    static final String NAME = "ResetAlarm";

    private final ControllerActions actions;

    ResetAlarmMethod(UaMethodNode node, ControllerActions actions) {
        super(node);
        this.actions = actions;
    }

    @Override
    public Argument[] getInputArguments() {
        return new Argument[0];
    }

    @Override
    public Argument[] getOutputArguments() {
        return new Argument[0];
    }

    @Override
    protected Variant[] invoke(InvocationContext context, Variant[] inputValues) {
        actions.resetAlarm();
        return new Variant[0];
    }
}
