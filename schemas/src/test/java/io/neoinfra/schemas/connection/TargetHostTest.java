package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import org.junit.jupiter.api.Test;

class TargetHostTest {

  @Test
  void acceptsAHostNameOfRfc1123Labels() {
    assertThat(TargetHost.parse("pg-1.eu-west.example.com")).get().extracting(TargetHost::literal).isNull();
  }

  @Test
  void acceptsAnIpv4Literal() {
    assertThat(TargetHost.parse("10.0.0.7")).get().extracting(h -> h.address().isPresent()).isEqualTo(true);
  }

  @Test
  void acceptsAnIpv6LiteralWithOrWithoutBrackets() {
    assertThat(TargetHost.parse("::1")).get().extracting(TargetHost::literal).isInstanceOf(Inet6Address.class);
    assertThat(TargetHost.parse("[fd00::5]")).get().extracting(TargetHost::forUrl).isEqualTo("[fd00:0:0:0:0:0:0:5]");
  }

  @Test
  void refusesAnUnderscoreInALabel() {
    assertThat(TargetHost.parse("db_1.example")).isEmpty();
  }

  @Test
  void refusesALabelStartingWithAHyphen() {
    assertThat(TargetHost.parse("-db.example")).isEmpty();
  }

  @Test
  void refusesAnAllNumericLastLabelThatIsNotAnIpv4Address() {
    assertThat(TargetHost.parse("10.1")).isEmpty();
    assertThat(TargetHost.parse("1.2.3.256")).isEmpty();
  }

  @Test
  void refusesAnInvalidIpv6LiteralWithoutLookingItUp() {
    assertThat(TargetHost.parse("abc:def:ghi")).isEmpty();
    assertThat(TargetHost.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
  }

  @Test
  void refusesAHostNameLongerThan253Characters() {
    String longName = ("a".repeat(63) + ".").repeat(4) + "com";
    assertThat(longName.length()).isGreaterThan(253);
    assertThat(TargetHost.parse(longName)).isEmpty();
  }

  @Test
  void refusesAScopedIpv6Address() {
    assertThat(TargetHost.parse("fe80::1%eth0")).isEmpty();
  }
}
