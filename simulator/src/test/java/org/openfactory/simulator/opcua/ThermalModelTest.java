package org.openfactory.simulator.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThermalModelTest {

    @Test
    void approachesTheSetpoint() {
        var model = new ThermalModel(20.0, 60.0, 1L);
        ThermalModel.Snapshot s = model.snapshot();
        for (int i = 0; i < 200; i++) {
            s = model.step(0.5);
        }
        assertEquals(60.0, s.temperature(), 0.5);
    }

    @Test
    void sameSeedSameTrajectory() {
        var a = new ThermalModel(20.0, 60.0, 3L);
        var b = new ThermalModel(20.0, 60.0, 3L);
        for (int i = 0; i < 10; i++) {
            assertEquals(a.step(0.5), b.step(0.5));
        }
    }

    @Test
    void heaterAndAlarmFollowTheTemperature() {
        var model = new ThermalModel(20.0, 60.0, 1L);
        assertTrue(model.snapshot().heaterOn());
        assertFalse(model.snapshot().alarm());

        model.setTemperature(70.5);
        assertFalse(model.snapshot().heaterOn());
        assertTrue(model.snapshot().alarm());

        model.setSetpoint(65.0);
        assertFalse(model.snapshot().alarm());
    }

    @Test
    void withHeatingOffTheTemperatureFallsToAmbientAndTheHeaterStaysOff() {
        var model = new ThermalModel(60.0, 60.0, 1L);
        model.setHeating(false);
        ThermalModel.Snapshot s = model.snapshot();
        for (int i = 0; i < 200; i++) {
            s = model.step(0.5);
        }
        assertEquals(ThermalModel.AMBIENT_TEMPERATURE, s.temperature(), 0.5);
        assertFalse(s.heaterOn(), "below the setpoint, but heating is off");
    }

    @Test
    void aPinnedTemperatureHoldsUntilReleased() {
        var model = new ThermalModel(20.0, 60.0, 1L);
        model.pin(95.0);
        for (int i = 0; i < 20; i++) {
            assertEquals(95.0, model.step(0.5).temperature());
        }
        model.release();
        assertTrue(model.step(0.5).temperature() < 95.0);
    }
}
