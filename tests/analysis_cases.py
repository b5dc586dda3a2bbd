"""Small scenarios for the analysis tests, with costs simple enough to work out by hand."""

from __future__ import annotations

from pathlib import Path

#: one switch of one 800G port, one year, no discounting, nothing but the prices:
#: an option's cost is its switch price plus its module price, paid at deployment
BASE = """
name = "two options"
[analysis]
horizon = "1 year"
discount_rate = "0 %"
electricity_price = {price}
pue = 1.0
cooling_capex_air = "0 USD/kW"
cooling_capex_liquid = "0 USD/kW"
[deployment]
switches = 1
switch_capacity = "0.8 Tbit/s"
port_speed = "800 Gbit/s"
[options.a]
baseline = true
[options.a.switch]
price = {a_switch}
power = "{a_power}"
[options.a.optics]
price = "{a_optics}"
power = "0 W"
[options.b]
[options.b.switch]
price = {b_switch}
power = "{b_power}"
[options.b.optics]
price = "0 USD"
power = "0 W"
"""


def write(tmp_path: Path, *, a_switch: str = '"150 USD"', b_switch: str = '"150 USD"',
          price: str = '"0 USD/kWh"', a_power: str = "0 W", b_power: str = "0 W",
          a_optics: str = "10 USD", name: str = "two.toml") -> str:
    path = tmp_path / name
    path.write_text(BASE.format(a_switch=a_switch, b_switch=b_switch, price=price,
                                a_power=a_power, b_power=b_power, a_optics=a_optics),
                    encoding="utf-8")
    return str(path)


#: A's switch uniform 100-200 USD, B's uniform 120-180 USD (both centred on 150)
A_RANGE = '{ value = "150 USD", low = "100 USD", high = "200 USD", dist = "uniform" }'
B_RANGE = '{ value = "150 USD", low = "120 USD", high = "180 USD", dist = "uniform" }'
