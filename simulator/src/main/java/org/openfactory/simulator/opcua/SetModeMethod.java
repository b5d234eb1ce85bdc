package org.openfactory.simulator.opcua;

import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * {@code SetMode(Mode: String) -> PreviousMode: String}. Milo checks the argument count and type; this checks the
 * value: a mode the controller does not know fails the call with Bad_InvalidArgument (Bad_OutOfRange on the
 * argument).
 */
final class SetModeMethod extends AbstractMethodInvocationHandler {

    static final String NAME = "SetMode";

    private static final Argument MODE = new Argument("Mode", NodeIds.String, ValueRanks.Scalar, null,
            LocalizedText.english("The new mode: " + String.join(", ", TemperatureControllerServer.MODES)));
    private static final Argument PREVIOUS_MODE = new Argument("PreviousMode", NodeIds.String, ValueRanks.Scalar,
            null, LocalizedText.english("The mode before the call"));

    private final ControllerActions actions;

    SetModeMethod(UaMethodNode node, ControllerActions actions) {
        super(node);
        this.actions = actions;
    }

    @Override
    public Argument[] getInputArguments() {
        return new Argument[] {MODE};
    }

    @Override
    public Argument[] getOutputArguments() {
        return new Argument[] {PREVIOUS_MODE};
    }

    @Override
    protected void validateInputArgumentValues(Variant[] inputValues) throws InvalidArgumentException {
        Object mode = inputValues[0].value();
        if (!(mode instanceof String s) || !TemperatureControllerServer.MODES.contains(s)) {
            throw new InvalidArgumentException(new StatusCode[] {new StatusCode(StatusCodes.Bad_OutOfRange)});
        }
    }

    @Override
    protected Variant[] invoke(InvocationContext context, Variant[] inputValues) {
        String previous = actions.setMode((String) inputValues[0].value());
        return new Variant[] {new Variant(previous)};
    }
}
