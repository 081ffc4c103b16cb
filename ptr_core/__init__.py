"""ptr_core: the numbers of the PNS Peduli Pekerja Rentan programme, free of any UI framework."""
