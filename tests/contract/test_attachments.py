"""`attachment(kind, id)` (contracts.attachments): every kind of file has one owner, and every owner offers
the one operation, under the one name, for exactly the kinds the contract gives it."""
import pytest
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
from nameko.rpc import Rpc

from contracts import attachments
from intake.service import IntakeService
from press import service as press_service
from routing.service import RoutingService

OWNING_SERVICES = (IntakeService, RoutingService, press_service.PressService)


def test_every_kind_of_file_belongs_to_a_service_that_offers_it():
    assert set(attachments.OWNERS.values()) == {service.name for service in OWNING_SERVICES}


@pytest.mark.parametrize("service", OWNING_SERVICES, ids=lambda service: service.name)
def test_each_owner_offers_the_attachment_operation_as_an_rpc(service):
    entrypoints = getattr(getattr(service, attachments.ATTACHMENT, None), ENTRYPOINT_EXTENSIONS_ATTR, ())
    assert any(isinstance(entrypoint, Rpc) for entrypoint in entrypoints)


def test_press_serves_exactly_the_kinds_the_contract_gives_it():
    assert set(press_service.ATTACHMENT_KINDS) == set(attachments.kinds_of("press"))
