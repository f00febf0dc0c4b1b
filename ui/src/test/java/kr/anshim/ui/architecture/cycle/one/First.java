package kr.anshim.ui.architecture.cycle.one;

import kr.anshim.ui.architecture.cycle.two.Second;

/** Half of a deliberate package cycle: the architecture test's positive control. */
public class First {
    Second other;
}
