#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

void serial_init(void);
void serial_irq_init(void);
void serial_putc(char c);
int serial_poll_getc(void);

#endif
